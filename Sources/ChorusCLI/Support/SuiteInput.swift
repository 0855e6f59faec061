import ChorusSimulation
import ChorusSpec
import ChorusTargets

/// A suite and a target, loaded and prepared as the run-like commands need them.
struct SuiteInput {
    var loaded: LoadedSuite
    var compiled: CompiledSuite
    var target: any Target

    /// Loads the suite at `suitePath` (seed overridden when given) and the target file.
    /// Every problem in either is reported as located diagnostics (a `SpecError`).
    static func load(suite suitePath: String, target targetPath: String, seed: UInt64? = nil, concurrency: Int = 16) throws -> SuiteInput {
        var loaded = try SuiteLoader.load(path: suitePath)
        if let seed { loaded.suite.seed = seed }
        let compiled: CompiledSuite
        do {
            compiled = try CompiledSuite(loaded.suite)
        } catch {
            throw SpecError([Diagnostic(file: suitePath, line: 0, column: 0, message: error.description)])
        }
        let target = try TargetFactory.make(path: targetPath, options: TargetOptions(concurrency: concurrency))
        return SuiteInput(loaded: loaded, compiled: compiled, target: target)
    }
}
