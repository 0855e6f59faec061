/// A validated suite with the files it came from.
public struct LoadedSuite: Sendable {
    public var suite: Suite
    /// The suite's files, as paths built from the path given to the loader, sorted.
    public var files: [String]
    /// 16 hex digits identifying the suite's content: FNV-1a 64 over the files' names and bytes,
    /// in sorted order. Independent of where the folder lives, so baselines can compare it.
    public var contentHash: String
    /// The examples of the suite's `data` files, in the order the suite lists them.
    public var data: [LabelledSource]

    public init(suite: Suite, files: [String], contentHash: String, data: [LabelledSource] = []) {
        self.suite = suite
        self.files = files
        self.contentHash = contentHash
        self.data = data
    }
}
