import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { LOGIN_THROTTLER, WRITES_THROTTLER } from './auth/write-throttler.guard';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { BoardCoreModule } from './board-core/board-core.module';
import { BoardStreamModule } from './board-stream/board-stream.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { CLOCK_PROVIDER, Clock } from './common/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DemoModule } from './demo/demo.module';
import { DeparturesModule } from './departures/departures.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { OperationsModule } from './operations/operations.module';
import { UpdatesModule } from './updates/updates.module';
import { FeedsModule } from './feeds/feeds.module';
import { ScreensModule } from './screens/screens.module';
import { StationsModule } from './stations/stations.module';
import { TemplatesModule } from './templates/templates.module';
import { StoreModule } from './store/store.module';

@Module({})
export class AppModule {
  /** The whole app for one configuration; tests build it with their own data directory. */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ObservabilityModule,
        StoreModule,
        AccountsModule,
        AuthModule,
        ThrottlerModule.forRoot({
          throttlers: [
            { name: WRITES_THROTTLER, ttl: 60_000, limit: config.writeRateLimit },
            { name: LOGIN_THROTTLER, ttl: 60_000, limit: config.loginRateLimit },
          ],
        }),
        BoardCoreModule,
        StationsModule,
        TemplatesModule,
        DeparturesModule,
        AlertsModule,
        OperationsModule,
        UpdatesModule,
        FeedsModule,
        ScreensModule,
        BoardStreamModule,
        AuditModule,
        HealthModule,
        DemoModule,
        ...(config.webDir
          ? [
              ServeStaticModule.forRoot({
                rootPath: config.webDir,
                exclude: ['/api/{*path}', '/metrics'],
                // A screen's service worker is checked on every visit (a cache in between must not
                // keep an old one, so a new release reaches every screen); its assets are hashed.
                serveStaticOptions: { setHeaders: (res, path) => path.endsWith('/sw.js') && res.setHeader('Cache-Control', 'no-cache') },
              }),
            ]
          : []),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        CLOCK_PROVIDER,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // No global interceptor: write routes bind theirs with @WriteRoutes() (common/write-routes.decorator.ts).
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
