import ExcelJS from 'exceljs';

/**
 * A cell as the importer sees it. A Date from exceljs holds the cell's wall clock in its UTC fields (Excel stores
 * no zone); a number may be an Excel serial date in a time column; { error } is an Excel error value (#N/A).
 */
export type SheetCell = string | number | Date | { error: string } | null;

export interface SheetRecord {
  /** The row number Excel shows (the header is row 1). */
  line: number;
  cells: SheetCell[];
}

export interface XlsxSheet {
  header: string[];
  records: SheetRecord[];
  /** The workbook counts dates from 1904 (old Mac Excel): a serial number means another day. */
  date1904: boolean;
}

/** The first worksheet of an .xlsx file: its first row is the header, each later non-empty row a record. */
export async function readXlsxFirstSheet(bytes: Uint8Array): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typing asks for its own Buffer type; the bytes are what it reads.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let col = 1; col <= headerRow.cellCount; col++) header.push(cellText(sheetCell(headerRow.getCell(col).value)));
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    // Only the header's columns: a note typed beside the table is not a value of this 办件.
    const cells: SheetCell[] = [];
    for (let col = 1; col <= header.length; col++) cells.push(sheetCell(row.getCell(col).value));
    records.push({ line: rowNumber, cells });
  });
  return { header, records, date1904: Boolean(workbook.properties?.date1904) };
}

/** exceljs' many value shapes (rich text, formulas, hyperlinks, shared strings) reduced to what the cell shows. */
function sheetCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    return sheetCell(result as ExcelJS.CellValue);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : sheetCell(text as ExcelJS.CellValue);
  }
  return null;
}

/** Header cells are names: whatever the cell holds, read as text. */
function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return cell.error;
}
