import ChorusModel
import ChorusScoring
import ChorusSimulation
import ChorusSpec
import ChorusTargets

/// Plays one synthetic conversation against a target and scores each turn.
///
/// The driver owns the IO; the `SyntheticUser` owns every decision, so a conversation depends
/// only on (suite, seed, index) and the bot's replies.
public struct ConversationDriver: Sendable {
    public let suite: CompiledSuite
    /// The run's seed: conversation *i*'s user derives from (seed, *i*).
    public let seed: UInt64
    public let target: any Target
    /// Distinguishes this run's conversations at targets that keep state per sender.
    public let runTag: String
    /// What reply latencies (and the scheduler's open-loop due times) are measured on.
    public let clock: any WaitClock
    /// A reply beyond these caps ends the conversation with an `oversized_reply` error.
    public let limits: ReplyLimits

    public init(
        suite: CompiledSuite, seed: UInt64, target: any Target, runTag: String,
        clock: any WaitClock = SystemWaitClock(),
        limits: ReplyLimits = ReplyLimits()
    ) {
        self.suite = suite
        self.seed = seed
        self.target = target
        self.runTag = runTag
        self.clock = clock
        self.limits = limits
    }

    /// Runs conversation `index` to its end. Never throws: a target failure is recorded on the
    /// turn and ends the conversation with outcome `error`. With `due` (open-loop load, a time on
    /// `clock`), the first reply's latency counts from when the conversation was due, not from
    /// when it started.
    ///
    /// `repeat` (`--repeat k`) numbers the plays of one conversation: each is the same synthetic
    /// user (same seed and index, adapting to each reply as usual) in a session of its own.
    public func run(conversation index: Int, repeat play: Int = 0, due: Duration? = nil) async -> ConversationRecord {
        var user = SyntheticUser(suite: suite, seed: seed, conversation: index)
        var turns: [TurnRecord] = []
        var session: any TargetSession
        do {
            session = try await target.makeSession(
                conversationID: play == 0 ? "\(runTag)-\(index)" : "\(runTag)-\(index)-r\(play)")
        } catch {
            let turn = user.opening()
            turns.append(Self.failedTurn(turn, error: error, latencyMs: 0))
            return Self.record(index, play, user, outcome: .error, turns: turns)
        }
        var message = user.opening()
        var outcome = Outcome.error
        var due = due
        while true {
            let start = due.map { min($0, clock.now) } ?? clock.now
            due = nil
            let reply: BotReply
            do {
                reply = try await session.send(message.text)
                try limits.check(reply)
            } catch {
                turns.append(Self.failedTurn(message, error: error, latencyMs: Self.milliseconds(clock.now - start)))
                outcome = .error
                break
            }
            let latency = Self.milliseconds(clock.now - start)
            let recognizer = suite.recognizer
            let observation = BotObservation(
                texts: reply.texts, intent: reply.intent, entities: reply.entities,
                fallback: recognizer.isFallback(texts: reply.texts, intent: reply.intent),
                handoff: recognizer.isHandoff(texts: reply.texts, intent: reply.intent, flag: reply.handoff))
            let reaction = user.react(to: observation)
            turns.append(
                TurnRecord(
                    user: message.text, expectedIntent: message.expectedIntent,
                    predictedIntent: suite.suite.bot.scoredIntent(
                        reported: reply.intent, fallback: observation.fallback),
                    confidence: reply.confidence, expectedSlots: message.expectedSlots, entities: reply.entities,
                    fallback: observation.fallback, handoff: observation.handoff, bot: reply.texts, latencyMs: latency,
                    failures: reaction.failures, act: message.act, goal: message.goal,
                    dialogueFailures: reaction.dialogueFailures.sorted()))
            switch reaction.next {
            case .say(let next):
                message = next
                continue
            case .end(let ending):
                outcome = ending
            }
            break
        }
        await session.close()
        return Self.record(index, play, user, outcome: outcome, turns: turns)
    }

    /// The conversation's record: its goals as the user judged them (the current one ending in a
    /// transport error when the run broke it off).
    private static func record(_ index: Int, _ play: Int, _ user: SyntheticUser, outcome: Outcome, turns: [TurnRecord])
        -> ConversationRecord
    {
        let goals = user.goalRecords(endingWith: outcome == .error ? .error : .completed)
        return ConversationRecord(
            index: index, repeatIndex: play, persona: user.persona, goal: user.goalName, outcome: outcome, turns: turns,
            goals: goals,
            behaviours: user.occurredBehaviours, language: user.language)
    }

    private static func failedTurn(_ message: UserTurn, error: TargetError, latencyMs: Double) -> TurnRecord {
        TurnRecord(
            user: message.text, expectedIntent: message.expectedIntent, expectedSlots: message.expectedSlots,
            latencyMs: latencyMs, error: error.kind, errorDetail: error.detail, act: message.act, goal: message.goal)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
