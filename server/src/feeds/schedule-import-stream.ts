import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiError } from '#shared/api';
import type { ScheduleImportReport, ScheduleImportStreamLine } from '#shared/feeds';
import type { ImportProgress } from '../gtfs/schedule-types';

/** The media type a client asks for (`Accept`) to follow an import's stages as they happen. */
export const NDJSON = 'application/x-ndjson';
/** Progress lines at most this often: a bar moves, and a big stop_times.txt does not become megabytes of lines. */
const PROGRESS_EVERY_MS = 200;

/** Whether the request asks for the import's progress (`Accept: application/x-ndjson`) rather than one JSON answer. */
export function wantsProgress(req: Request): boolean {
  return (req.header('accept') ?? '').toLowerCase().includes(NDJSON);
}

/**
 * Runs an import answering with one JSON object per line: `progress` lines for the server's stages
 * (reading each file, storing), then the `report` or the `error` (the API's error shape: the status
 * is already 200 once the first line is out). The response is left for Nest to end.
 */
export async function streamImport(res: Response, run: (onProgress: ImportProgress) => Promise<ScheduleImportReport>): Promise<void> {
  res.status(200);
  res.setHeader('content-type', `${NDJSON}; charset=utf-8`);
  // no-transform: a proxy or compression must not hold the lines back until the end.
  res.setHeader('cache-control', 'no-store, no-transform');
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
  const send = (line: ScheduleImportStreamLine) => res.write(`${JSON.stringify(line)}\n`);
  let last = { phase: '', at: 0 };
  const onProgress: ImportProgress = (phase, done, total) => {
    const now = Date.now();
    // A phase's first and last lines always go; in between, one per interval.
    if (phase === last.phase && total === null && now - last.at < PROGRESS_EVERY_MS) return;
    last = { phase, at: now };
    send({ type: 'progress', phase, done, total });
  };
  try {
    send({ type: 'report', report: await run(onProgress) });
  } catch (error) {
    send({ type: 'error', error: errorOf(error) });
  }
}

function errorOf(error: unknown): ApiError {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'error' in body) return body as ApiError;
    return { statusCode: error.getStatus(), error: 'error', message: error.message };
  }
  // As the error filter answers an unexpected error: logged, and nothing of the inside goes out.
  new Logger('ScheduleImport').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { statusCode: 500, error: 'internal_error', message: 'Something went wrong on the server' };
}
