import { type ArgumentMetadata, HttpException } from '@nestjs/common';
import { createValidationPipe } from '../../server/src/common/validation.pipe';
import { StationParams } from '../../server/src/common/station-params';
import { StreamQuery } from '../../server/src/board-stream/stream-query';
import { AuditQuery } from '../../server/src/audit/audit-query';
import { BatchDto } from '../../server/src/updates/dto/batch.dto';
import { PatchDepartureUpdate } from '../../server/src/updates/dto/batch-update.dto';
import { PatchDepartureDto } from '../../server/src/departures/dto/patch-departure.dto';

/**
 * The API's validation pipe takes a fast path for params, query strings and flat bodies; what a client sees
 * must be what class-validator decides: the same DTO values, the same refusals naming the field.
 */
describe('the edge validation pipe', () => {
  const pipe = createValidationPipe();
  const param: ArgumentMetadata = { type: 'param', metatype: StationParams };
  const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
  /** Express 5 parses query strings into objects without a prototype. */
  const parsed = (values: Record<string, unknown>) => Object.assign(Object.create(null) as object, values);

  async function refusal(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      await pipe.transform(value, metadata);
    } catch (error) {
      expect(error).toBeInstanceOf(HttpException);
      expect((error as HttpException).getStatus()).toBe(400);
      return (error as HttpException).getResponse();
    }
    throw new Error('accepted');
  }

  it('gives the handler the DTO for valid params and a valid stream query', async () => {
    const station = await pipe.transform({ stationId: 'zurich-hb' }, param);
    expect(station).toBeInstanceOf(StationParams);
    expect(station).toEqual({ stationId: 'zurich-hb' });
    const stream = await pipe.transform(parsed({ screen: 'kiosk-0001', v: '0.1.0' }), query(StreamQuery));
    expect(stream).toBeInstanceOf(StreamQuery);
    expect({ ...(stream as object) }).toEqual({ screen: 'kiosk-0001', v: '0.1.0' });
  });

  it('refuses a bad station id, a bad screen id, a repeated one and an unknown key, naming the field', async () => {
    expect(JSON.stringify(await refusal({ stationId: 'Zürich HB' }, param))).toContain('stationId');
    expect(JSON.stringify(await refusal(parsed({ screen: 'a b' }), query(StreamQuery)))).toContain('screen');
    expect(JSON.stringify(await refusal(parsed({ screen: ['kiosk-0001', 'kiosk-0002'] }), query(StreamQuery)))).toContain('screen');
    expect(JSON.stringify(await refusal(parsed({ token: 'x' }), query(StreamQuery)))).toContain('token');
  });

  it('still converts what a DTO transforms (numbers in a query string)', async () => {
    const audit = (await pipe.transform(parsed({ limit: '5' }), query(AuditQuery))) as { limit?: unknown };
    expect(audit.limit).toBe(5);
  });

  it('gives a batch body to the handler as it came, and refuses a bad one naming the field', async () => {
    const body: ArgumentMetadata = { type: 'body', metatype: BatchDto };
    const updates = [{ op: 'patch-departure', stationId: 'bern', departureId: 'ic-1', patch: { delayMinutes: 5 } }];
    const batch = await pipe.transform({ updates }, body);
    expect(batch).toBeInstanceOf(BatchDto);
    expect(batch).toEqual({ updates });
    expect(JSON.stringify(await refusal({ updates: [] }, body))).toContain('updates');
    expect(JSON.stringify(await refusal({ updates, extra: 1 }, body))).toContain('extra');
    expect(JSON.stringify(await refusal({ updates: [1] }, body))).toContain('updates');
  });

  it('still makes nested DTOs of a body with nested objects', async () => {
    const body: ArgumentMetadata = { type: 'body', metatype: PatchDepartureUpdate };
    const update = await pipe.transform(
      { op: 'patch-departure', stationId: 'bern', departureId: 'ic-1', patch: { delayMinutes: 5 } },
      body,
    );
    expect(update).toBeInstanceOf(PatchDepartureUpdate);
    expect((update as PatchDepartureUpdate).patch).toBeInstanceOf(PatchDepartureDto);
  });
});
