import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditLogEntry, TemplateAuditEntry } from '#shared/auth';
import type { TemplateChangeType, TextTemplate } from '#shared/templates';
import { type AuditFilter, AuditRepository } from '../audit/audit.repository';
import type { AuditTable, Database } from './database';
import { NO_STATION } from './kysely-templates.repository';

/** The audit log on any SQL engine Kysely speaks to. */
export class KyselyAuditRepository extends AuditRepository {
  constructor(private readonly db: Kysely<Database>) {
    super();
  }

  async listAudit(filter: AuditFilter): Promise<AuditLogEntry[]> {
    if (filter.stations !== null && filter.stations.length === 0) return [];
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.stations !== null) query = query.where('station_id', 'in', filter.stations);
    if (filter.stationId) query = query.where('station_id', '=', filter.stationId);
    if (filter.actor) query = query.where('actor_name', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return (await query.execute()).map((r) => (r.station_id === NO_STATION ? toTemplateEntry(r) : toAuditEntry(r)));
  }

  async findUndoableWrite(stationId: string, actorId: string): Promise<AuditEntry[]> {
    const latest = await this.db
      .selectFrom('audit_log')
      .select(['id', 'write_id'])
      .where('station_id', '=', stationId)
      .where('actor_id', '=', actorId)
      .where('undo_of', 'is', null)
      .where('undone', '=', 0)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return [];
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('actor_id', '=', actorId)
      .where('undo_of', 'is', null)
      .where('undone', '=', 0)
      .where((eb) => (latest.write_id === null ? eb('id', '=', latest.id) : eb('write_id', '=', latest.write_id)))
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toAuditEntry);
  }

  async findLatestOf(stationId: string, targetId: string): Promise<AuditEntry | null> {
    const row = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('target_id', '=', targetId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toAuditEntry(row) : null;
  }
}

function toAuditEntry(r: Selectable<AuditTable>): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: { kind: r.actor_kind as AuditEntry['actor']['kind'], id: r.actor_id, name: r.actor_name },
    source: r.source as AuditEntry['source'],
    stationId: r.station_id,
    action: r.action as AuditEntry['action'],
    targetId: r.target_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    seq: Number(r.seq),
    undoOf: r.undo_of === null ? null : Number(r.undo_of),
    undone: Number(r.undone) === 1,
  };
}

/** A template's entry: it belongs to no station and is no step of a station's undo. */
function toTemplateEntry(r: Selectable<AuditTable>): TemplateAuditEntry {
  return {
    ...toAuditEntry(r),
    stationId: null,
    action: r.action as TemplateChangeType,
    before: r.before === null ? null : (JSON.parse(r.before) as TextTemplate),
    after: r.after === null ? null : (JSON.parse(r.after) as TextTemplate),
    seq: null,
    undoOf: null,
    undone: false,
  };
}
