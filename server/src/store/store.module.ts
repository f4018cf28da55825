import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { AccountsRepository } from '../accounts/accounts.repository';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BoardRepository } from './board.repository';
import type { Database } from './database';
import { KyselyAccountsRepository } from './kysely-accounts.repository';
import { KyselyBoardRepository } from './kysely-board.repository';
import { KyselyFeedsRepository } from './kysely-feeds.repository';
import { FeedsRepository } from '../feeds/feeds.repository';
import { ScreensRepository } from '../screens/screens.repository';
import { KyselyScreensRepository } from './kysely-screens.repository';
import { IdempotencyRepository } from '../common/idempotency.repository';
import { KyselyIdempotencyRepository } from './kysely-idempotency.repository';
import { AuditRepository } from '../audit/audit.repository';
import { EventLogRepository } from '../board-core/event-log.repository';
import { LeasesRepository } from '../board-core/leases.repository';
import { KyselyAuditRepository } from './kysely-audit.repository';
import { KyselyEventLogRepository } from './kysely-event-log.repository';
import { KyselyLeasesRepository } from './kysely-leases.repository';
import { TemplatesRepository } from '../templates/templates.repository';
import { KyselyTemplatesRepository } from './kysely-templates.repository';
import { openPostgresDatabase } from './postgres-database';
import { openSqliteDatabase } from './sqlite-database';

/** The one database connection the repositories share. */
export const DATABASE = Symbol('DATABASE');

/** Provides the repositories on the embedded SQLite database in `DATA_DIR`, or on PostgreSQL at `DATABASE_URL`. */
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.databaseUrl ? openPostgresDatabase(config.databaseUrl) : openSqliteDatabase(config.dataDir),
    },
    { provide: BoardRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => KyselyBoardRepository.open(db) },
    { provide: AccountsRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyAccountsRepository(db) },
    {
      provide: FeedsRepository,
      inject: [DATABASE, BoardRepository],
      useFactory: (db: Kysely<Database>, board: BoardRepository) => new KyselyFeedsRepository(db, board.epoch),
    },
    { provide: ScreensRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyScreensRepository(db) },
    { provide: IdempotencyRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyIdempotencyRepository(db) },
    { provide: AuditRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyAuditRepository(db) },
    { provide: EventLogRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyEventLogRepository(db) },
    { provide: LeasesRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyLeasesRepository(db) },
    { provide: TemplatesRepository, inject: [DATABASE], useFactory: (db: Kysely<Database>) => new KyselyTemplatesRepository(db) },
  ],
  exports: [
    BoardRepository,
    AccountsRepository,
    FeedsRepository,
    ScreensRepository,
    IdempotencyRepository,
    AuditRepository,
    EventLogRepository,
    LeasesRepository,
    TemplatesRepository,
  ],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Kysely<Database>) {}

  /** Closes the database last, after the streams and writers have stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
