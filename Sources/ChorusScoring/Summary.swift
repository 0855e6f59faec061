import ChorusModel

/// The result of a run as `summary.json` carries it: outcomes, rates with 95% Wilson intervals,
/// intent scores, the confusion matrix, the confidence histogram and threshold sweep, error classes, turns, latency, outcomes by goal, persona
/// and behaviour, and the dialogue figures (goal outcomes, named dialogue failures, slot
/// judgement of what the bot confirmed), computed from an `Aggregate` with the definitions of
/// the README's "Metric definitions".
///
/// Every field except `latencyMs` is a function of the suite, the seed and the target's behaviour,
/// so two runs of the same input give equal summaries once `latencyMs` is set aside (see
/// `deterministicPart`). Values are kept at full precision; reporters round for display.
/// Optional parts that are not available encode as `null` rather than disappearing, so the shape of
/// the file does not change with the data.
public struct Summary: Sendable, Equatable, Codable {
    /// The schema identifier this type writes.
    public static let currentSchema = "chorus.summary/1"

    /// The schema identifier, `chorus.summary/1`.
    public var schema: String
    /// The suite's stable name.
    public var suite: String
    /// The target under test (never a secret).
    public var target: TargetInfo
    /// The suite seed the run used.
    public var seed: UInt64
    /// Conversations run.
    public var conversations: Int
    /// Conversations by outcome.
    public var outcomes: OutcomeCounts
    /// Every rate, with its interval; a rate is `nil` when not available.
    public var metrics: Metrics
    /// Precision, recall, F1 and support by expected intent (the intents the suite's users meant;
    /// empty when intent metrics are not available).
    public var intents: [String: IntentScores]
    /// Macro and weighted averages of the intent scores, over the expected intents only; `nil` when
    /// intent metrics are not available.
    public var intentAverages: IntentAverages?
    /// Labels the target predicted that no user meant (`nlu_fallback`, `small_talk`), with their
    /// counts: listed, never averaged into the intent scores.
    public var unexpectedPredictions: [String: UnexpectedPrediction]
    /// Judged turns as `[expected: [predicted: count]]`, non-zero cells only.
    public var confusion: [String: [String: Int]]
    /// The confidence histogram of correct and wrong predictions and the threshold sweep; `nil`
    /// when intent metrics are not available or no judged turn carried a confidence.
    public var confidence: ConfidenceFigures?
    /// Failed exchanges by error class (`timeout`, `connection`, `http_status`, `malformed_reply`).
    public var errors: [String: Int]
    /// User turns per completed conversation (turns to success); `nil` when no conversation completed.
    public var turns: Turns?
    /// Reply latency percentiles in milliseconds; `nil` when there was no reply. The only part that
    /// varies between identical runs.
    public var latencyMs: Latency?
    /// Goal attempts by goal name and outcome (a multi-goal conversation counts each goal).
    public var goals: [String: OutcomeCounts]
    /// Conversation outcomes by persona name.
    public var personas: [String: OutcomeCounts]
    /// Goal attempts by outcome, over every goal of every conversation.
    public var goalOutcomes: OutcomeCounts
    /// Every named dialogue failure (each `DialogueFailure`, 0 when it never occurred): the
    /// conversations it hit, its rate over conversations, the turns it showed on, and the
    /// behaviours of the conversations it hit.
    public var dialogueFailures: [String: DialogueFailureFigures]
    /// Conversation outcomes by behaviour (`plain` for conversations with none): completion
    /// broken down so a regression in one behaviour shows.
    public var behaviours: [String: OutcomeCounts]
    /// The counts behind slot precision, recall and F1 of what the bot confirmed.
    public var slotConfirmation: SlotCounts
    /// The headline rates by the language the users wrote in (empty for runs that recorded none).
    public var languages: [String: LanguageFigures]

    /// pass@k, pass^k and the flaky share, for a run with `--repeat k` (nil otherwise).
    public var repeats: RepeatFigures?

    enum CodingKeys: String, CodingKey {
        case schema, suite, target, seed, conversations, outcomes, metrics, intents
        case intentAverages = "intent_averages"
        case unexpectedPredictions = "unexpected_predictions"
        case confusion, confidence, errors, turns
        case latencyMs = "latency_ms"
        case goals, personas
        case goalOutcomes = "goal_outcomes"
        case dialogueFailures = "dialogue_failures"
        case behaviours
        case slotConfirmation = "slot_confirmation"
        case repeats
        case languages
    }

    /// Computes the summary of a run from its aggregate.
    public init(suite: String, target: TargetInfo, seed: UInt64, aggregate a: Aggregate) {
        repeats = RepeatFigures(a.repeats)
        schema = Self.currentSchema
        self.suite = suite
        self.target = target
        self.seed = seed
        conversations = a.conversations
        outcomes = a.outcomes

        // Intent metrics need the target to expose intents *and* some turn to say what was meant;
        // otherwise they are not available, never 0.
        let intentsAvailable = a.targetExposesIntent && a.intentJudgedTurns > 0
        var metrics = Metrics()
        metrics.intentAccuracy =
            intentsAvailable ? RateMetric(successes: a.intentCorrectTurns, trials: a.intentJudgedTurns) : nil
        // Behavioural rates are over the conversations the network did not break off; the error
        // rate alone is over every conversation.
        let judged = a.outcomes.judged
        metrics.fallbackRate = RateMetric(successes: a.fallbackTurns, trials: a.userTurns)
        metrics.conversationFallbackRate = RateMetric(successes: a.conversationsWithFallback, trials: judged)
        metrics.completionRate = RateMetric(successes: a.outcomes.completed, trials: judged)
        metrics.goalCompletionRate = RateMetric(successes: a.goalOutcomes.completed, trials: a.goalOutcomes.judged)
        metrics.handoffRate = RateMetric(successes: a.outcomes.handedOff, trials: judged)
        metrics.escalationRate = RateMetric(successes: a.outcomes.escalated, trials: judged)
        metrics.abandonmentRate = RateMetric(successes: a.outcomes.abandoned, trials: judged)
        metrics.errorRate = RateMetric(successes: a.outcomes.error, trials: a.conversations)
        metrics.slotAccuracy =
            a.targetExposesEntities ? RateMetric(successes: a.slotsExtracted, trials: a.slotsExpected) : nil
        metrics.dialogueFailureRate = RateMetric(successes: a.conversationsWithDialogueFailure, trials: judged)
        let slots = a.confirmedSlots
        metrics.slotPrecision = RateMetric(
            successes: slots.truePositives, trials: slots.truePositives + slots.falsePositives)
        metrics.slotRecall = RateMetric(
            successes: slots.truePositives, trials: slots.truePositives + slots.falseNegatives)
        metrics.slotF1 = RateMetric(
            f1TruePositives: slots.truePositives, falsePositives: slots.falsePositives,
            falseNegatives: slots.falseNegatives)
        self.metrics = metrics
        if intentsAvailable {
            let scores = IntentMetrics(confusion: a.confusion)
            intents = scores.perIntent
            intentAverages = IntentAverages(macro: scores.macro, weighted: scores.weighted)
            unexpectedPredictions = scores.unexpectedPredictions.mapValues {
                UnexpectedPrediction(count: $0, share: Double($0) / Double(a.intentJudgedTurns))
            }
            confusion = a.confusion
            confidence = ConfidenceFigures(a.confidence)
        } else {
            intents = [:]
            intentAverages = nil
            unexpectedPredictions = [:]
            confusion = [:]
            confidence = nil
        }
        errors = a.errors
        turns = Turns(a.completedTurns)
        latencyMs = Latency(a.latency)
        goals = a.goals
        personas = a.personas
        goalOutcomes = a.goalOutcomes
        var failures: [String: DialogueFailureFigures] = [:]
        for failure in DialogueFailure.allCases {
            let counts = a.dialogueFailures[failure.rawValue] ?? DialogueFailureCounts()
            failures[failure.rawValue] = DialogueFailureFigures(
                conversations: counts.conversations, occurrences: counts.occurrences,
                rate: RateMetric(successes: counts.conversations, trials: judged), behaviours: counts.behaviours)
        }
        dialogueFailures = failures
        behaviours = a.behaviours
        slotConfirmation = a.confirmedSlots
        languages = a.languages.mapValues(LanguageFigures.init)
    }

    /// This summary without its run-dependent part (`latencyMs`), for comparing two runs of the
    /// same input.
    public var deterministicPart: Summary {
        var copy = self
        copy.latencyMs = nil
        return copy
    }

    /// Reads a summary; parts added after `chorus.summary/1` was first written (unexpected
    /// predictions, the dialogue figures) read as empty when an older file (a committed baseline)
    /// lacks them, and the rates it lacks as not available.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        suite = try c.decode(String.self, forKey: .suite)
        target = try c.decode(TargetInfo.self, forKey: .target)
        seed = try c.decode(UInt64.self, forKey: .seed)
        conversations = try c.decode(Int.self, forKey: .conversations)
        outcomes = try c.decode(OutcomeCounts.self, forKey: .outcomes)
        metrics = try c.decode(Metrics.self, forKey: .metrics)
        intents = try c.decode([String: IntentScores].self, forKey: .intents)
        intentAverages = try c.decodeIfPresent(IntentAverages.self, forKey: .intentAverages)
        unexpectedPredictions =
            try c.decodeIfPresent([String: UnexpectedPrediction].self, forKey: .unexpectedPredictions) ?? [:]
        confusion = try c.decode([String: [String: Int]].self, forKey: .confusion)
        confidence = try c.decodeIfPresent(ConfidenceFigures.self, forKey: .confidence)
        errors = try c.decode([String: Int].self, forKey: .errors)
        turns = try c.decodeIfPresent(Turns.self, forKey: .turns)
        latencyMs = try c.decodeIfPresent(Latency.self, forKey: .latencyMs)
        goals = try c.decode([String: OutcomeCounts].self, forKey: .goals)
        personas = try c.decode([String: OutcomeCounts].self, forKey: .personas)
        goalOutcomes = try c.decodeIfPresent(OutcomeCounts.self, forKey: .goalOutcomes) ?? OutcomeCounts()
        dialogueFailures =
            try c.decodeIfPresent([String: DialogueFailureFigures].self, forKey: .dialogueFailures) ?? [:]
        behaviours = try c.decodeIfPresent([String: OutcomeCounts].self, forKey: .behaviours) ?? [:]
        slotConfirmation = try c.decodeIfPresent(SlotCounts.self, forKey: .slotConfirmation) ?? SlotCounts()
        repeats = try c.decodeIfPresent(RepeatFigures.self, forKey: .repeats)
        languages = try c.decodeIfPresent([String: LanguageFigures].self, forKey: .languages) ?? [:]
    }

    /// Encodes every key, writing `null` for parts that are not available.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(suite, forKey: .suite)
        try c.encode(target, forKey: .target)
        try c.encode(seed, forKey: .seed)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(intents, forKey: .intents)
        try c.encode(intentAverages, forKey: .intentAverages)
        try c.encode(unexpectedPredictions, forKey: .unexpectedPredictions)
        try c.encode(confusion, forKey: .confusion)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(errors, forKey: .errors)
        try c.encode(turns, forKey: .turns)
        try c.encode(latencyMs, forKey: .latencyMs)
        try c.encode(goals, forKey: .goals)
        try c.encode(personas, forKey: .personas)
        try c.encode(goalOutcomes, forKey: .goalOutcomes)
        try c.encode(dialogueFailures, forKey: .dialogueFailures)
        try c.encode(behaviours, forKey: .behaviours)
        try c.encode(slotConfirmation, forKey: .slotConfirmation)
        // Only runs with `--repeat` have it (older summaries and their golden files stay as they were).
        try c.encodeIfPresent(repeats, forKey: .repeats)
        try c.encode(languages, forKey: .languages)
    }
}
