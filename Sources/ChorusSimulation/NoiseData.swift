import ChorusSpec
import Foundation

/// The data the noise model reads, loaded once from the files in `Data/` (keyboard layouts from
/// xkeyboard-config, pinyin homophones from pypinyin/Unihan, hand-written chat abbreviations;
/// each file names its source and licence).
struct NoiseData: Sendable {
    let layouts: [KeyboardLayoutName: KeyboardLayout]
    /// For each common Chinese character, the others with the same toneless pinyin.
    let homophones: [Character: [Character]]
    /// Per language (primary tag), phrase → abbreviation, longest phrases first.
    let abbreviations: [String: [(phrase: String, abbreviation: String)]]

    static let shared = NoiseData()

    private init() {
        var layouts: [KeyboardLayoutName: KeyboardLayout] = [:]
        for name in KeyboardLayoutName.allCases {
            if let text = Self.read("keyboards/\(name.rawValue).txt") {
                layouts[name] = KeyboardLayout(rows: Self.lines(text))
            }
        }
        self.layouts = layouts
        var homophones: [Character: [Character]] = [:]
        for line in Self.lines(Self.read("pinyin/homophones-zh.tsv") ?? "") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            let group = Array(fields[1])
            for character in group { homophones[character] = group.filter { $0 != character } }
        }
        self.homophones = homophones
        var abbreviations: [String: [(phrase: String, abbreviation: String)]] = [:]
        for language in ["en", "es", "fr", "fi", "de", "zh"] {
            let pairs = Self.lines(Self.read("abbreviations/\(language).tsv") ?? "").compactMap {
                line -> (String, String)? in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
            }
            abbreviations[language] = pairs.sorted { $0.0.count > $1.0.count }
        }
        self.abbreviations = abbreviations
    }

    /// The non-comment, non-empty lines of a data file.
    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    private static func read(_ path: String) -> String? {
        guard let url = Bundle.module.url(forResource: "Data/\(path)", withExtension: nil) else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
