import ChorusModel
import ChorusRunner
import ChorusSpec
import Testing

/// Each built-in detector finds what it is for, confirmed by its checksum, and leaves alone what
/// only looks like it.
struct PersonalDataDetectorTests {
    private func found(_ detector: PersonalDataDetector, _ text: String) -> [String] {
        detector.matches(in: text).map { String(text[$0]) }
    }

    @Test func emailAddresses() {
        #expect(
            found(.email, "write to Ann.Lee+shop@mail.example.co.uk, thanks") == ["Ann.Lee+shop@mail.example.co.uk"])
        #expect(found(.email, "no address @ here, nor user@localhost or a@b.c").isEmpty)
    }

    @Test func cardsPassTheLuhnCheck() {
        #expect(found(.card, "card 4111 1111 1111 1111 on file") == ["4111 1111 1111 1111"])
        #expect(found(.card, "card 4111-1111-1111-1111.") == ["4111-1111-1111-1111"])
        #expect(found(.card, "4012888888881881") == ["4012888888881881"])
        // One digit changed: the Luhn sum fails.
        #expect(found(.card, "card 4111 1111 1111 1112").isEmpty)
        // A valid card followed by another group (the 18 digits fail the Luhn check) is still
        // found, without the extra group.
        #expect(found(.card, "4111 1111 1111 1111 12") == ["4111 1111 1111 1111"])
        #expect(found(.card, "order 123456 costs 1200").isEmpty)
    }

    @Test func luhn() {
        #expect(PersonalDataDetector.luhnValid(Array("79927398713".utf8)))
        #expect(!PersonalDataDetector.luhnValid(Array("79927398710".utf8)))
    }

    @Test func ibansPassTheMod97Check() {
        #expect(found(.iban, "send it to DE89370400440532013000 please") == ["DE89370400440532013000"])
        #expect(found(.iban, "GB82 WEST 1234 5698 7654 32 is mine") == ["GB82 WEST 1234 5698 7654 32"])
        #expect(found(.iban, "nl91abna0417164300") == ["nl91abna0417164300"])
        // A wrong check digit.
        #expect(found(.iban, "DE88370400440532013000").isEmpty)
        #expect(!PersonalDataDetector.ibanValid(Array("GB82WEST12345698765431".utf8)))
        #expect(PersonalDataDetector.ibanValid(Array("FR1420041010050500013M02606".utf8)))
    }

    @Test func phoneNumbers() {
        #expect(found(.phone, "call +44 20 7946 0958 now") == ["+44 20 7946 0958"])
        #expect(found(.phone, "or (555) 123-4567 ext") == ["(555) 123-4567"])
        #expect(found(.phone, "on 2026-11-30 at 10:30").isEmpty)
        #expect(found(.phone, "order AB-123456").isEmpty)
    }

    @Test func ipAddresses() {
        #expect(found(.ip, "from 192.168.1.20, then 10.0.0.1") == ["192.168.1.20", "10.0.0.1"])
        #expect(found(.ip, "version 1.2.3.400 and 999.1.1.1").isEmpty)
        #expect(found(.ip, "v6 2001:db8::8a2e:370:7334 here") == ["2001:db8::8a2e:370:7334"])
        #expect(found(.ip, "at 10:30:00 sharp").isEmpty)
    }

    @Test func customPatterns() throws {
        let detector = try PersonalDataDetector.custom(name: "employee_id", source: "EMP-[0-9]{6}")
        #expect(found(detector, "I am EMP-123456.") == ["EMP-123456"])
        #expect(detector.label == "EMPLOYEE_ID")
        #expect(throws: PatternError.self) { try PersonalDataDetector.custom(name: "bad", source: "(?<=x)y") }
    }
}

/// The redactor replaces every detected value in every text of a record, the same way every
/// time for one key, and leaves everything else as it was.
struct RedactorTests {
    static let raw =
        "mail ann@example.com, card 4111 1111 1111 1111, iban DE89370400440532013000, ip 10.1.2.3, EMP-000042"

    @Test func masks() throws {
        let redactor = try Redactor(settings: PrivacySettings(patterns: ["employee_id": "EMP-[0-9]{6}"]), key: nil)
        #expect(redactor.redact(Self.raw) == "mail <EMAIL>, card <CARD>, iban <IBAN>, ip <IP>, <EMPLOYEE_ID>")
        #expect(redactor.redact("nothing personal") == "nothing personal")
    }

    @Test func pseudonymsAreKeyedAndStable() throws {
        let settings = PrivacySettings(mode: .pseudonym)
        let one = try Redactor(settings: settings, key: Array("key-one".utf8))
        let two = try Redactor(settings: settings, key: Array("key-two".utf8))
        let first = one.redact("ann@example.com and ANN@example.com")
        let tokens = first.matches(of: /<EMAIL:[0-9a-f]{10}>/).map { String($0.0) }
        #expect(tokens.count == 2)
        // Normalised before hashing: one address, one pseudonym.
        #expect(tokens[0] == tokens[1])
        #expect(one.redact("ann@example.com") == one.redact("ann@example.com"))
        #expect(one.redact("ann@example.com") != one.redact("bob@example.com"))
        #expect(one.redact("ann@example.com") != two.redact("ann@example.com"))
        #expect(!first.contains("example.com"))
    }

    @Test func aTextLongerThanWhatPatternsReadIsRedactedWhole() throws {
        let redactor = try Redactor(settings: PrivacySettings(), key: nil)
        let filler = String(repeating: "lorem ipsum ", count: TextPattern.maxTextBytes / 12 + 10)
        let text = filler + "ann@example.com " + filler + "4111 1111 1111 1111"
        let redacted = redactor.redact(text)
        #expect(!redacted.contains("ann@example.com") && !redacted.contains("4111"))
        #expect(redacted.hasSuffix("<CARD>"))
        #expect(
            redacted.count == text.count - "ann@example.com".count - "4111 1111 1111 1111".count + "<EMAIL><CARD>".count
        )
    }

    @Test func pseudonymModeNeedsAKey() {
        #expect(throws: RedactorError.self) { try Redactor(settings: PrivacySettings(mode: .pseudonym), key: nil) }
    }

    @Test func onlyTheChosenDetectorsRun() throws {
        let redactor = try Redactor(settings: PrivacySettings(detect: [.email]), key: nil)
        #expect(redactor.redact("ann@example.com 4111 1111 1111 1111") == "<EMAIL> 4111 1111 1111 1111")
    }

    @Test func everyTextOfARecord() throws {
        let redactor = try Redactor(settings: PrivacySettings(), key: nil)
        let email = Entity(name: "email", value: "ann@example.com")
        let record = ConversationRecord(
            index: 3, persona: "p", goal: "g", outcome: .completed,
            turns: [
                TurnRecord(
                    user: "it's ann@example.com", expectedIntent: "inform", predictedIntent: "inform", confidence: 0.9,
                    expectedSlots: [email], entities: [email], bot: ["saved ann@example.com"], latencyMs: 12,
                    errorDetail: "echo ann@example.com", failures: ["reply ann@example.com did not match"])
            ],
            goals: [GoalRecord(name: "g", outcome: .completed, turns: 1, values: [email], confirmed: [email])])
        let redacted = redactor.redact(record)
        let text = "\(redacted)"
        #expect(!text.contains("ann@example.com"))
        #expect(redacted.turns[0].user == "it's <EMAIL>")
        #expect(redacted.turns[0].entities == [Entity(name: "email", value: "<EMAIL>")])
        #expect(redacted.turns[0].latencyMs == 12)
        #expect(redacted.turns[0].predictedIntent == "inform")
        #expect(redacted.outcome == .completed)
        #expect(redacted.index == 3)
    }
}
