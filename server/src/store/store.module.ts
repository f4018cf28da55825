import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BoardRepository } from './board.repository';
import { KyselyBoardRepository } from './kysely-board.repository';
import { openSqliteDatabase } from './sqlite-database';

/** Provides the board store: the embedded SQLite database in `DATA_DIR`. */
@Global()
@Module({
  providers: [
    {
      provide: BoardRepository,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => KyselyBoardRepository.open(await openSqliteDatabase(config.dataDir)),
    },
  ],
  exports: [BoardRepository],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(BoardRepository) private readonly repository: BoardRepository) {}

  /** Closes the database last, after the streams and writers have stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.repository.close();
  }
}
