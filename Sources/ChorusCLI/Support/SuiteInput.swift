import ChorusSimulation
import ChorusSpec
import ChorusTargets

/// A suite and a target, loaded and prepared as the run-like commands need them.
struct SuiteInput {
    var loaded: LoadedSuite
    var compiled: CompiledSuite
    var target: any Target

    /// Loads the suite at `suitePath` and the target file (with a connection pool sized for
    /// `concurrency`). Every problem in either is reported as located diagnostics (a `SpecError`).
    static func load(suite suitePath: String, target targetPath: String, concurrency: Int = 16) throws -> SuiteInput {
        let loaded = try SuiteLoader.load(path: suitePath)
        let compiled: CompiledSuite
        do {
            compiled = try CompiledSuite(loaded.suite, data: loaded.data)
        } catch {
            throw SpecError([Diagnostic(file: suitePath, line: 0, column: 0, message: error.description)])
        }
        let target = try TargetFactory.make(path: targetPath, options: TargetOptions(concurrency: concurrency))
        return SuiteInput(loaded: loaded, compiled: compiled, target: target)
    }
}
