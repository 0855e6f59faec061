#!/usr/bin/env python3
"""A nondeterministic bot with a known success probability, for `--repeat` (Chorus's `process`
protocol, see docs/targets.md and keyword-bot.py).

It answers two questions. Asked about opening hours, it gives the right hours of the day asked
with probability P (the first argument, default 0.6) and otherwise another day's hours, decided
once per session; greetings it always answers. Each session's draw is seeded from the bot's seed
(the second argument) and the conversation index and play that end the session's id
(`<run>-<index>` or `<run>-<index>-r<play>`), so every play is an independent draw with
probability P, and the same play of the same conversation always draws the same: the figures of
a run are reproducible, and `chorus replay … --repeat R` plays exactly what the run played.
"""
import json
import random
import re
import sys

P = float(sys.argv[1]) if len(sys.argv) > 1 else 0.6
SEED = sys.argv[2] if len(sys.argv) > 2 else "7"
HOURS = {"monday": "9am to 6pm", "saturday": "10am to 4pm", "sunday": "closed"}
SESSION = re.compile(r"-(\d+)(?:-r(\d+))?$")
good = {}


def right_this_session(conversation_id):
    if conversation_id not in good:
        match = SESSION.search(conversation_id)
        index, play = (match.group(1), match.group(2) or "0") if match else (conversation_id, "0")
        # A string seed is hashed with SHA-512 by Python's random: stable across runs and machines.
        good[conversation_id] = random.Random(f"{SEED}:{index}:{play}").random() < P
    return good[conversation_id]


for line in sys.stdin:
    request = json.loads(line)
    text = request["text"].lower()
    reply = {"id": request["id"], "conversation_id": request["conversation_id"]}
    day = next((d for d in HOURS if d in text), None)
    if day:
        if not right_this_session(request["conversation_id"]):
            day = {"monday": "saturday", "saturday": "sunday", "sunday": "monday"}[day]
        reply.update(texts=[f"On {day} we are {HOURS[day]}."], intent="opening_hours", confidence=1.0)
    elif re.search(r"\b(hello|hi|hey)\b", text):
        reply.update(texts=["Hello! Ask me about our opening hours."], intent="greet", confidence=1.0)
    else:
        reply.update(texts=["Sorry, I didn't understand."], intent="nlu_fallback", confidence=0.2)
    print(json.dumps(reply), flush=True)
