import type { BatchBody, BatchReport, PatchDepartureBody } from '#shared/api';
import { type Credentials, request } from '../api';

/**
 * One change to several rows of a station, as one `POST /api/updates`: one request, so the
 * server logs it as one change and one "undo" takes all of it back.
 */
export function patchDepartures(auth: Credentials, stationId: string, departureIds: readonly string[], patch: PatchDepartureBody) {
  const body: BatchBody = {
    updates: departureIds.map((departureId) => ({ op: 'patch-departure', stationId, departureId, patch })),
  };
  return request<BatchReport>('POST', '/api/updates', { auth, body });
}
