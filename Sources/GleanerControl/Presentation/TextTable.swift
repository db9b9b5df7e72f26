/// Columns of text lined up under a header, as `gleanerctl history` prints its versions: each
/// column as wide as its widest cell, two spaces between columns, numbers right-aligned, and no
/// trailing spaces after the last column. Stateless.
public enum TextTable {
    /// `rows` under `header`; the columns whose index is in `rightAligned` are padded on the left.
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let lines = [header] + rows
        let columns = lines.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            lines.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return lines.map { cells in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { line += "  " }
                if rightAligned.contains(column) {
                    line += padding + cell
                } else {
                    line += column == cells.count - 1 ? cell : cell + padding
                }
            }
            return line
        }.joined(separator: "\n")
    }
}
