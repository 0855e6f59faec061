import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusSpec
import ChorusTargets

/// Fixed run reports for the reporter tests: every value is written out here, so the golden
/// files change only when a reporter does.
enum ReportFixtures {
    static let targetA = TargetInfo(kind: "reference", name: "acme-v1", detail: "Fixtures/bots/acme-v1.yaml")
    static let targetB = TargetInfo(kind: "reference", name: "acme-v2", detail: "Fixtures/bots/acme-v2.yaml")

    static let fallbackReply = "Sorry, I didn't get that. Could you rephrase?"

    /// A refund conversation that completes: the bot acts on the user's order number, and answers
    /// the closing.
    static func refundCompleted(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "calm", goal: "refund", outcome: .completed,
            turns: [
                TurnRecord(
                    user: "I want a refund for order AB-\(index)", expectedIntent: "refund", predictedIntent: "refund",
                    confidence: 0.91, expectedSlots: [Entity(name: "order_id", value: "AB-\(index)")],
                    entities: [Entity(name: "order_id", value: "AB-\(index)")],
                    bot: ["Your refund for order AB-\(index) is on its way."], latencyMs: 12, act: .open),
                TurnRecord(
                    user: "thanks!", expectedIntent: "thanks", predictedIntent: "thanks", confidence: 0.88,
                    entities: [],
                    bot: ["You're welcome | anything else?"], latencyMs: 8, act: .close),
            ],
            goals: [
                GoalRecord(
                    name: "refund", outcome: .completed, turns: 2,
                    values: [Entity(name: "order_id", value: "AB-\(index)")],
                    confirmed: [Entity(name: "order_id", value: "AB-\(index)")])
            ],
            behaviours: [.closing])
    }

    /// A refund conversation where the user corrects the order number and the bot refunds the old
    /// one: the correction is ignored and a wrong value confirmed.
    static func refundWrongValue(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "calm", goal: "refund", outcome: .failed,
            turns: [
                TurnRecord(user: "refund order AB-\(index)", bot: ["Which item?"], latencyMs: 10, act: .open),
                TurnRecord(
                    user: "sorry, I meant AB-\(index)\(index)", bot: ["Which item?"], latencyMs: 10, act: .correct),
                TurnRecord(
                    user: "the laptop", bot: ["I've started a refund for the laptop from order AB-\(index)."],
                    latencyMs: 10,
                    act: .inform, dialogueFailures: [.correctionIgnored, .wrongValueConfirmed]),
            ],
            goals: [
                GoalRecord(
                    name: "refund", outcome: .failed, turns: 3,
                    values: [
                        Entity(name: "order_id", value: "AB-\(index)\(index)"),
                        Entity(name: "product", value: "laptop"),
                    ],
                    confirmed: [
                        Entity(name: "order_id", value: "AB-\(index)"), Entity(name: "product", value: "laptop"),
                    ])
            ],
            behaviours: [.confirmation, .correction])
    }

    /// An opening-hours conversation where the user asks something off-task and the bot never
    /// comes back to the task.
    static func hoursDigression(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "hasty", goal: "hours", outcome: .maxTurns,
            turns: [
                TurnRecord(user: "are you open on saturday?", bot: ["Which store?"], latencyMs: 10, act: .open),
                TurnRecord(user: "do you sell gift cards?", bot: ["Yes, we do!"], latencyMs: 10, act: .digress),
                TurnRecord(
                    user: "ok. the one in town", bot: ["Anything else?"], latencyMs: 10, act: .inform,
                    dialogueFailures: [.digressionNotResumed]),
            ],
            goals: [
                GoalRecord(
                    name: "hours", outcome: .maxTurns, turns: 3, values: [Entity(name: "day", value: "saturday")])
            ],
            behaviours: [.digression])
    }

    /// A refund conversation whose user gives up after two fallbacks.
    static func refundAbandoned(_ index: Int, persona: String = "hasty") -> ConversationRecord {
        ConversationRecord(
            index: index, persona: persona, goal: "refund", outcome: .abandoned,
            turns: [
                TurnRecord(
                    user: "refnud plz", expectedIntent: "refund", predictedIntent: "nlu_fallback", confidence: 0.31,
                    entities: [], fallback: true, bot: [fallbackReply], latencyMs: 15),
                TurnRecord(
                    user: "REFUND my <order>", expectedIntent: "refund", predictedIntent: "nlu_fallback",
                    confidence: 0.42,
                    entities: [], fallback: true, bot: [fallbackReply], latencyMs: 21),
            ])
    }

    /// An opening-hours conversation handed to a human.
    static func hoursHandedOff(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "calm", goal: "hours", outcome: .handedOff,
            turns: [
                TurnRecord(
                    user: "when are you open on sunday", expectedIntent: "hours", predictedIntent: "human",
                    confidence: 0.55, entities: [], handoff: true, bot: ["Let me get a colleague for you."],
                    latencyMs: 30)
            ])
    }

    /// An opening-hours conversation that completes.
    static func hoursCompleted(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "hasty", goal: "hours", outcome: .completed,
            turns: [
                TurnRecord(
                    user: "opening hours?", expectedIntent: "hours", predictedIntent: "hours", confidence: 0.97,
                    entities: [], bot: ["We're open 9–17, Mon–Fri.", "Anything *else*?"], latencyMs: 9)
            ])
    }

    /// An opening-hours conversation that timed out.
    static func hoursError(_ index: Int) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "hasty", goal: "hours", outcome: .error,
            turns: [
                TurnRecord(
                    user: "hours", expectedIntent: "hours", latencyMs: 5000, error: .timeout,
                    errorDetail: "no reply in 5 s")
            ])
    }

    static let conversations: [ConversationRecord] = [
        refundCompleted(0), refundAbandoned(1), hoursHandedOff(2), hoursCompleted(3), refundCompleted(4),
        refundAbandoned(5), hoursCompleted(6), hoursError(7), refundWrongValue(8), hoursDigression(9),
    ]

    static let summary = Summary(suite: "acme", target: targetB, seed: 42, aggregate: Aggregate(conversations))

    static let diff = BaselineDiff(
        metrics: [
            MetricDelta(
                name: "intent_accuracy", baseline: 0.9, current: 6.0 / 11, low: -0.62, high: -0.09, pValue: 0.012,
                higherIsBetter: true, tolerance: 0.05, significant: true),
            MetricDelta(
                name: "completion_rate", baseline: 0.8, current: 0.5, low: -0.52, high: -0.08, pValue: 0.004,
                higherIsBetter: true, tolerance: 0.05, significant: true),
            MetricDelta(
                name: "fallback_rate", baseline: 0.1, current: 4.0 / 12, low: 0.05, high: 0.42, pValue: 0.03,
                higherIsBetter: false, tolerance: 0.05, significant: true),
            MetricDelta(
                name: "handoff_rate", baseline: 0.1, current: 0.125, low: -0.2, high: 0.25, pValue: 0.8,
                higherIsBetter: false, tolerance: 0.05, significant: false),
            MetricDelta(
                name: "abandonment_rate", baseline: 0.05, current: 0.25, low: 0.01, high: 0.42, pValue: 0.04,
                higherIsBetter: false, tolerance: 0.05, significant: true),
            MetricDelta(
                name: "error_rate", baseline: 0.05, current: 0.125, low: -0.1, high: 0.3, pValue: 0.5,
                higherIsBetter: false, tolerance: 0.05, significant: false),
            MetricDelta(
                name: "latency_p95_ms", baseline: 18.5, current: 30, low: nil, high: nil, pValue: nil,
                higherIsBetter: false, tolerance: 50, significant: false),
        ],
        intents: [
            MetricDelta(
                name: "hours.f1", baseline: 0.9, current: 0.8, low: -0.2, high: 0.2, pValue: 1, higherIsBetter: true,
                tolerance: 0.05, significant: false),
            MetricDelta(
                name: "refund.f1", baseline: 0.95, current: 0.5, low: -0.75, high: -0.12, pValue: 0.02,
                higherIsBetter: true, tolerance: 0.05, significant: true),
            MetricDelta(
                name: "refund.recall", baseline: 0.95, current: 2.0 / 6, low: -0.95, high: -0.24, pValue: 0.01,
                higherIsBetter: true, tolerance: 0.05, significant: true),
        ],
        confusionMoves: [
            ConfusionMove(expected: "refund", predicted: "nlu_fallback", baselineShare: 0.05, currentShare: 0.5)
        ],
        goals: [
            "refund": OutcomeShift(
                baseline: OutcomeCounts(completed: 38, abandoned: 2), current: OutcomeCounts(completed: 2, abandoned: 2)
            ),
            "hours": OutcomeShift(
                baseline: OutcomeCounts(completed: 3, handedOff: 1),
                current: OutcomeCounts(completed: 2, handedOff: 1, error: 1)),
        ],
        personas: [:],
        dialogueFailures: [
            MetricDelta(
                name: "correction_ignored_rate", baseline: 0.01, current: 0.1, low: 0.02, high: 0.4, pValue: 0.01,
                higherIsBetter: false, tolerance: 0.02, significant: true),
            MetricDelta(
                name: "digression_not_resumed_rate", baseline: 0.05, current: 0.1, low: -0.05, high: 0.38, pValue: 0.4,
                higherIsBetter: false, tolerance: 0.02, significant: false),
        ],
        behaviours: [
            "correction": OutcomeShift(
                baseline: OutcomeCounts(completed: 18, failed: 2), current: OutcomeCounts(failed: 1)),
            "plain": OutcomeShift(
                baseline: OutcomeCounts(completed: 30, abandoned: 2),
                current: OutcomeCounts(completed: 2, handedOff: 1, abandoned: 2, error: 1)),
        ],
        newFailureClusters: [signatureAbandoned.key])

    static let verdict = GateVerdict(checks: [
        GateCheck(
            metric: "completion_rate", kind: .min, threshold: 0.4, actual: 0.5, passed: true,
            detail: "completion_rate 50.0 % ≥ min 40.0 %"),
        GateCheck(
            metric: "completion_rate", kind: .maxDrop, threshold: 0.05, actual: 0.5, baseline: 0.8, low: -0.52,
            high: -0.08, passed: false,
            detail: "completion_rate 50.0 % vs baseline 80.0 %: -30.0 pp [-52.0, -8.0]; max_drop 5.0 pp"),
        GateCheck(
            metric: "fallback_rate", kind: .max, threshold: 0.25, actual: 4.0 / 12, passed: false,
            detail: "fallback_rate 33.3 % > max 25.0 %"),
    ])

    static let signatureAbandoned = FailureSignature(
        goal: "refund", outcome: .abandoned, turn: 1, expectedIntent: "refund", predictedIntent: "nlu_fallback",
        reply: fallbackReply)

    static let signatureWrongValue = FailureSignature(
        goal: "refund", outcome: .failed, turn: 3, dialogueFailure: .correctionIgnored, expectedIntent: nil,
        predictedIntent: nil, reply: "I've started a refund for the laptop from order AB-#.")

    static let failures = FailureAnalysis(
        clusters: [
            FailureCluster(signature: signatureAbandoned, count: 2, example: refundAbandoned(1)),
            FailureCluster(signature: signatureWrongValue, count: 1, example: refundWrongValue(8)),
            FailureCluster(
                signature: FailureSignature(
                    goal: "hours", outcome: .handedOff, turn: 1, expectedIntent: "hours", predictedIntent: "human",
                    reply: "Let me get a colleague for you."), count: 1, example: hoursHandedOff(2)),
            FailureCluster(
                signature: FailureSignature(
                    goal: "hours", outcome: .error, turn: 1, expectedIntent: "hours", predictedIntent: nil, reply: ""),
                count: 1, example: hoursError(7)),
        ],
        failingConversations: 6,
        fallbackUtterances: [
            UtteranceCount(text: "refnud plz", count: 2), UtteranceCount(text: "refund my <order>", count: 2),
        ],
        abandonment: [
            "refund": AbandonmentFunnel(conversations: 4, abandoned: 2, byTurn: [2: 2], byStage: ["request": 2]),
            "hours": AbandonmentFunnel(conversations: 4, abandoned: 0),
        ])

    static let comparison = PairedComparison(
        a: targetA, b: targetB, pairs: 8, bothPassed: 4, onlyAPassed: 1, onlyBPassed: 0, bothFailed: 3, mcnemarP: 1,
        delta: -0.125, low: -0.4, high: 0.15,
        flips: [
            Flip(
                index: 5, a: refundCompleted(5), b: refundAbandoned(5, persona: "calm"),
                replayA: "chorus replay Scenarios/acme --target Fixtures/targets/acme-v1.yaml --conversation 5",
                replayB: "chorus replay Scenarios/acme --target Fixtures/targets/acme-v2.yaml --conversation 5")
        ])

    /// The report the golden files are rendered from: a diff, a failed gate, failures and a comparison.
    static let report = RunReport(
        runName: "acme-20260101-000000-0001", summary: summary, diff: diff, verdict: verdict, failures: failures,
        comparison: comparison,
        replayCommand: "chorus replay Scenarios/acme --target Fixtures/targets/acme-v2.yaml --conversation {i}",
        chorusVersion: "0.1.0")

    /// The same run without a baseline, gate or comparison.
    static let plainReport = RunReport(
        runName: "acme-20260101-000000-0001", summary: summary, failures: failures,
        replayCommand: "chorus replay Scenarios/acme --conversation {i}", chorusVersion: "0.1.0")

    /// Text a hostile or broken bot could answer.
    static let hostile = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(2)", "' onfocus='x",
        "a | b", "line one\nline two", "`code` & **bold** [link](http://x)", "</details><script>alert(3)</script>",
    ]

    /// A report whose every untrusted text — user and bot texts, intent, goal, persona, suite and
    /// target names, utterances, signatures — is hostile.
    static var hostileReport: RunReport {
        let evil = hostile.joined(separator: " ")
        let turn = TurnRecord(
            user: "<img src=x onerror=alert('user')>", expectedIntent: "<script>alert('intent')</script>",
            predictedIntent: "<img src=x onerror=alert('predicted')>", entities: [], fallback: true, handoff: true,
            bot: hostile, latencyMs: 10, failures: ["<script>alert('expectation')</script>"])
        let record = ConversationRecord(
            index: 0, persona: "<script>alert('persona')</script>", goal: "<img src=x onerror=alert('goal')>",
            outcome: .abandoned, turns: [turn])
        var summary = Summary(
            suite: "<script>alert('suite')</script>",
            target: TargetInfo(kind: "http", name: "<img src=x onerror=alert('target')>", detail: evil),
            seed: 1, aggregate: Aggregate([record]))
        summary.errors["<script>alert('error')</script>"] = 1
        let signature = FailureSignature(
            goal: record.goal, outcome: .abandoned, turn: 1, expectedIntent: turn.expectedIntent,
            predictedIntent: turn.predictedIntent, reply: evil)
        var diff = BaselineDiff(
            metrics: [],
            intents: [
                MetricDelta(
                    name: "<script>alert('delta')</script>.f1", baseline: 0.9, current: 0.1, low: -0.9, high: -0.7,
                    pValue: 0.001, higherIsBetter: true, tolerance: 0.05, significant: true)
            ],
            confusionMoves: [ConfusionMove(expected: evil, predicted: evil, baselineShare: 0, currentShare: 1)],
            goals: [
                record.goal: OutcomeShift(baseline: OutcomeCounts(completed: 1), current: OutcomeCounts(abandoned: 1))
            ],
            personas: [
                record.persona: OutcomeShift(
                    baseline: OutcomeCounts(completed: 1), current: OutcomeCounts(abandoned: 1))
            ],
            newFailureClusters: [signature.key])
        diff.metrics = []
        return RunReport(
            runName: "<script>alert('run')</script>", summary: summary, diff: diff,
            verdict: GateVerdict(checks: [
                GateCheck(
                    metric: "<img src=x onerror=alert('gate')>", kind: .max, threshold: 0, actual: 1, passed: false,
                    detail: evil)
            ]),
            failures: FailureAnalysis(
                clusters: [FailureCluster(signature: signature, count: 1, example: record)], failingConversations: 1,
                fallbackUtterances: [UtteranceCount(text: evil, count: 1)],
                abandonment: [
                    record.goal: AbandonmentFunnel(conversations: 1, abandoned: 1, byTurn: [1: 1], byStage: [evil: 1])
                ]),
            comparison: PairedComparison(
                a: TargetInfo(kind: "http", name: evil, detail: evil), b: summary.target, pairs: 1, bothPassed: 0,
                onlyAPassed: 1, onlyBPassed: 0, bothFailed: 0, mcnemarP: 1, delta: -1, low: -1, high: 0,
                flips: [Flip(index: 0, a: record, b: record, replayA: evil, replayB: evil)]),
            replayCommand: "chorus replay <script>alert('replay')</script> {i}", chorusVersion: "<b>0</b>")
    }
}
