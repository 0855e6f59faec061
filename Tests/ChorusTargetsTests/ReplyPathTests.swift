import ChorusModel
import ChorusSpec
import ChorusTargets
import Foundation
import Testing

struct ReplyPathTests {
    static let reply: JSON = {
        let text = """
            {"messages": [{"text": "Hi"}, {"image": "x.png"}, {"text": "How can I help?"}],
             "nlu": {"intent": {"name": "greet", "confidence": 0.93},
                     "entities": [{"entity": "order_id", "value": "AB-123456"}, {"entity": "qty", "value": 2}]},
             "handoff": false, "odd key": [1, 2, 3]}
            """
        return (try? JSONDecoder().decode(JSON.self, from: Data(text.utf8))) ?? .null
    }()

    @Test func selectsMembersItemsAndWildcards() throws {
        func select(_ path: String) throws -> [JSON] { try ReplyPath(parsing: path).select(in: Self.reply) }
        #expect(try select("$.messages[*].text") == [.string("Hi"), .string("How can I help?")])
        #expect(try select("$.nlu.intent.name") == [.string("greet")])
        #expect(try select("$.nlu.intent.confidence") == [.number(0.93)])
        #expect(try select("$.messages[-1].text") == [.string("How can I help?")])
        #expect(try select("$['odd key'][1]") == [.number(2)])
        #expect(try select("$[\"odd key\"][*]").count == 3)
        #expect(try select("$.nothing.here") == [])
        #expect(try select("$.nlu.entities[*].value").compactMap(\.scalarText) == ["AB-123456", "2"])
    }

    @Test(arguments: [
        ("messages", 0, "a reply path starts with \"$\""),
        ("$.", 2, "expected a member name after \".\""),
        ("$.a[", 3, "unclosed \"[\""),
        ("$.a[x]", 4, "expected a list index, \"*\" or a quoted name inside \"[…]\""),
        ("$a", 1, "expected \".\" or \"[\""),
    ])
    func rejectsMalformedPaths(path: String, offset: Int, reason: String) {
        #expect(throws: ReplyPathError(path: path, offset: offset, reason: reason)) { try ReplyPath(parsing: path) }
    }
}
