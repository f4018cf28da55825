/**
 * A GTFS feed that cannot be imported. The message names the file, the line and the problem so an
 * operator can fix the feed (or report it to the agency) without reading our code; `file` and
 * `line` are also kept apart so an API can show them as fields.
 */
export class GtfsError extends Error {
  override readonly name = 'GtfsError';

  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file === undefined ? message : `${file}${line === undefined ? '' : ` line ${line}`}: ${message}`);
  }
}
