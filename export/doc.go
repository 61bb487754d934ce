// Package export reads the practice platform's Payments export: it opens an .xlsx workbook
// (streaming its first sheet) or a CSV file, finds the header row, maps the columns by name
// (ignoring case, spacing and the synonyms the portal and spreadsheet programs produce), and
// parses every row into a Record with exact decimal money and the row number a spreadsheet
// shows.
//
// Client columns (Client Name, Client Email) are recognised so that they can be left out: a
// Record has no field for them, and no error message ever quotes their values.
package export
