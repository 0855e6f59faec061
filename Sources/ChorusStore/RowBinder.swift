import GRDB
import GRDBSQLite

/// Binds one row's values straight into a prepared statement and runs it: the writer's hot path
/// (a million conversations are a few million rows), where building GRDB's `StatementArguments`
/// for every row would cost more than SQLite's own work.
struct RowBinder {
    private let statement: OpaquePointer
    private var column: Int32 = 0
    /// Where a JSON column is written before it is bound; kept from row to row.
    private var scratch: [UInt8] = []

    /// SQLite copies the bytes before `bind` returns (the C API's `SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
    }

    mutating func bind(_ value: Int64) {
        column += 1
        sqlite3_bind_int64(statement, column, value)
    }

    mutating func bind(_ value: Int) {
        bind(Int64(value))
    }

    mutating func bind(_ value: Bool) {
        bind(Int64(value ? 1 : 0))
    }

    mutating func bind(_ value: Double?) {
        column += 1
        if let value { sqlite3_bind_double(statement, column, value) } else { sqlite3_bind_null(statement, column) }
    }

    mutating func bind(_ value: String?) {
        column += 1
        guard var value else {
            sqlite3_bind_null(statement, column)
            return
        }
        let column = column
        let statement = statement
        value.withUTF8 { Self.bindText($0, statement: statement, column: column) }
    }

    /// Binds the text `write` writes for `value` (a `ColumnCodec` writer), or NULL when there is no value.
    mutating func bind<Value>(_ value: Value?, as write: (Value, inout [UInt8]) -> Void) {
        column += 1
        guard let value else {
            sqlite3_bind_null(statement, column)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        write(value, &scratch)
        let column = column
        let statement = statement
        scratch.withUnsafeBufferPointer { Self.bindText($0, statement: statement, column: column) }
    }

    private static func bindText(_ bytes: UnsafeBufferPointer<UInt8>, statement: OpaquePointer, column: Int32) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            _ = sqlite3_bind_text(statement, column, "", 0, transient)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
            _ = sqlite3_bind_text(statement, column, text, Int32(bytes.count), transient)
        }
    }

    /// Runs the statement with the bound values and makes it ready for the next row.
    mutating func step() throws(StoreError) {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        column = 0
        guard code == SQLITE_DONE else {
            throw StoreError("SQLite error \(code): \(String(cString: sqlite3_errstr(code)))")
        }
    }
}
