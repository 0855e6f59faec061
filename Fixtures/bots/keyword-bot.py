#!/usr/bin/env python3
"""A tiny keyword bot for Chorus's `process` target (Fixtures/targets/acme-process.yaml).

It speaks Chorus's JSON-lines protocol: one request per line on stdin,
    {"id": 7, "conversation_id": "run-3", "text": "where is my order"}
one reply per line on stdout, echoing the id and the conversation id:
    {"id": 7, "conversation_id": "run-3", "texts": ["..."], "intent": "order_status",
     "confidence": 1.0, "entities": [{"name": "order_id", "value": "AB-123456"}], "handoff": false}
It keeps a little state per conversation (the question it asked), runs until stdin closes, and
flushes after every line.
"""
import json
import re
import sys

ORDER_ID = re.compile(r"\b[A-Za-z]{2}-\d{6}\b")
KEYWORDS = [
    ("human_handoff", ("human", "agent", "person")),
    ("refund", ("refund", "money back", "return")),
    ("order_status", ("order", "package", "delivery", "shipped")),
    ("opening_hours", ("open", "hours", "close")),
    ("thanks", ("thank",)),
    ("goodbye", ("bye",)),
    ("greet", ("hello", "hi", "hey", "good morning")),
]
REPLIES = {
    "greet": "Hello! How can I help you today?",
    "thanks": "You're welcome!",
    "goodbye": "Goodbye, have a nice day!",
    "opening_hours": "We are open Monday to Friday, 9am to 5pm.",
    "human_handoff": "Connecting you to a human agent now.",
    "nlu_fallback": "Sorry, I didn't understand that. Could you rephrase?",
}
asking = {}  # conversation id -> the intent whose order number we asked for


def classify(text):
    lowered = text.lower()
    for intent, words in KEYWORDS:
        if any(re.search(r"\b" + re.escape(word), lowered) for word in words):
            return intent, 1.0
    return "nlu_fallback", 0.0


def respond(conversation, text):
    entities = [{"name": "order_id", "value": match.upper()} for match in ORDER_ID.findall(text)]
    intent, confidence = classify(text)
    pending = asking.pop(conversation, None)
    if pending and entities:
        intent, confidence = "inform", 1.0
        order = entities[0]["value"]
        if pending == "refund":
            return ["Your refund for order %s is on its way." % order], intent, confidence, entities, False
        return ["Your order %s has shipped and arrives in 2 days." % order], intent, confidence, entities, False
    if intent in ("order_status", "refund"):
        if entities:
            return respond_with_order(intent, entities), intent, confidence, entities, False
        asking[conversation] = intent
        return ["What is your order number?"], intent, confidence, entities, False
    return [REPLIES[intent]], intent, confidence, entities, intent == "human_handoff"


def respond_with_order(intent, entities):
    order = entities[0]["value"]
    if intent == "refund":
        return ["Your refund for order %s is on its way." % order]
    return ["Your order %s has shipped and arrives in 2 days." % order]


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    texts, intent, confidence, entities, handoff = respond(request["conversation_id"], request["text"])
    reply = {
        "id": request.get("id"),
        "conversation_id": request["conversation_id"],
        "texts": texts,
        "intent": intent,
        "confidence": confidence,
        "entities": entities,
        "handoff": handoff,
    }
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
