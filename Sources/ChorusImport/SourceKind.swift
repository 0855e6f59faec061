import Foundation
import Yams

/// The kinds of file `chorus import` reads, recognised by name and content.
enum SourceKind: Equatable {
    case rasaNLU
    case rasaStories
    case rasaTestCases
    case rasaDomain
    case botiumConvo
    case botiumUtterances
    case labelled
    case unknown

    /// The kind of the file at `path`; YAML files are told apart by their top-level keys.
    static func of(_ path: String) -> SourceKind {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".convo.txt") { return .botiumConvo }
        if name.hasSuffix(".utterances.txt") { return .botiumUtterances }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".jsonl") { return .labelled }
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml"),
            let text = try? String(contentsOfFile: path, encoding: .utf8),
            let keys = (try? Yams.compose(yaml: text))??.mapping?.keys.compactMap({ $0.scalar?.string })
        else { return .unknown }
        if keys.contains("test_cases") { return .rasaTestCases }
        if keys.contains("stories") { return .rasaStories }
        if keys.contains("nlu") { return .rasaNLU }
        if keys.contains("intents") || keys.contains("responses") { return .rasaDomain }
        return .unknown
    }
}
