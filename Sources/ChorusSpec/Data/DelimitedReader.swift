/// Reads CSV (RFC 4180: quoted fields with `""` for a quote, line breaks inside quotes) or TSV
/// records from bytes in one pass, one record at a time, with each field's byte offset so a
/// problem can be located.
///
/// Written here rather than taken from a CSV package because the packages on hand report
/// neither the line nor the column of a problem, and a data file's errors must point at both.
struct DelimitedReader {
    let file: DataFile
    let delimiter: UInt8

    /// One record: its fields (unquoted, verbatim otherwise) and where each field starts.
    struct Record {
        var fields: [String] = []
        var offsets: [Int] = []
        /// The byte offset of the record's start.
        var start = 0
    }

    /// Calls `body` with each non-empty record, in file order.
    func forEachRecord(_ body: (Record) throws(SpecError) -> Void) throws(SpecError) {
        let bytes = file.bytes
        let quote = UInt8(ascii: "\"")
        var index = 0
        var record = Record()
        var field: [UInt8] = []
        while index <= bytes.count {
            // A field starts here.
            let fieldStart = index
            field.removeAll(keepingCapacity: true)
            var endOfRecord = false
            if index < bytes.count, bytes[index] == quote {
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard closed else {
                    throw SpecError([
                        file.diagnostic(
                            atByte: fieldStart, "unterminated quoted field: the quote opened here is never closed")
                    ])
                }
                // After the closing quote: a delimiter, the end of the line or of the file.
                if index < bytes.count, bytes[index] == 0x0D { index += 1 }
                if index < bytes.count, bytes[index] != delimiter, bytes[index] != 0x0A {
                    throw SpecError([
                        file.diagnostic(
                            atByte: index,
                            "unexpected text after a closing quote; write a quote inside a quoted field as \"\"")
                    ])
                }
            } else {
                while index < bytes.count, bytes[index] != delimiter, bytes[index] != 0x0A {
                    field.append(bytes[index])
                    index += 1
                }
                if index <= bytes.count, field.last == 0x0D, index == bytes.count || bytes[index] == 0x0A {
                    field.removeLast()
                }
            }
            if record.fields.isEmpty { record.start = fieldStart }
            record.fields.append(String(decoding: field, as: UTF8.self))
            record.offsets.append(fieldStart)
            if index >= bytes.count || bytes[index] == 0x0A { endOfRecord = true }
            index += 1
            if endOfRecord {
                // A blank line is no record.
                if !(record.fields.count == 1 && record.fields[0].isEmpty) { try body(record) }
                record = Record()
                if index > bytes.count { break }
            }
        }
    }
}
