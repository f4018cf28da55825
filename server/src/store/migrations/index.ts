import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial';
import * as idempotencyKeys from './002-idempotency-keys';
import * as arrivals from './003-arrivals';
import * as accountsAndAudit from './004-accounts-and-audit';
import * as overrides from './005-overrides';
import * as undo from './006-undo';
import * as feeds from './007-feeds';
import * as leases from './008-leases';
import * as screens from './009-screens';
import * as scopedKeysRevokedSecrets from './010-scoped-keys-revoked-secrets';
import * as feedSecrets from './011-feed-secrets';
import * as screenStreamKeys from './012-screen-stream-keys';
import * as serviceFacts from './013-service-facts';
import * as stationLanguage from './014-station-language';
import * as auditWrites from './015-audit-writes';
import * as textTranslations from './016-text-translations';
import * as templates from './017-templates';
import * as feedValidity from './018-feed-validity';
import * as siriUrls from './019-siri-urls';
import * as headwayRows from './020-headway-rows';
import * as scheduleUrl from './021-schedule-url';

/** Every migration, in order. Listed in code (not read from a folder) so the build carries them. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-idempotency-keys': idempotencyKeys,
  '003-arrivals': arrivals,
  '004-accounts-and-audit': accountsAndAudit,
  '005-overrides': overrides,
  '006-undo': undo,
  '007-feeds': feeds,
  '008-leases': leases,
  '009-screens': screens,
  '010-scoped-keys-revoked-secrets': scopedKeysRevokedSecrets,
  '011-feed-secrets': feedSecrets,
  '012-screen-stream-keys': screenStreamKeys,
  '013-service-facts': serviceFacts,
  '014-station-language': stationLanguage,
  '015-audit-writes': auditWrites,
  '016-text-translations': textTranslations,
  '017-templates': templates,
  '018-feed-validity': feedValidity,
  '019-siri-urls': siriUrls,
  '020-headway-rows': headwayRows,
  '021-schedule-url': scheduleUrl,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
