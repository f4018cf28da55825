import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { securityHeaders } from './common/security-headers';
import { SharedShapeExpressAdapter } from './common/shared-shape-adapter';
import { CountingLogger, PinoAppLogger, requestLog } from './observability/logging';
import { Metrics } from './observability/metrics.service';
import type { AppConfig } from './config/app-config';
import { setupOpenApi } from './openapi/openapi';

/** Builds the configured app without listening, so `main` and the e2e tests run the same thing. */
export async function createApp(config: AppConfig, logger: false | undefined = undefined): Promise<NestExpressApplication> {
  const log = requestLog(logger === false ? 'silent' : config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(logger === false ? { ...config, logLevel: 'silent' } : config),
    new SharedShapeExpressAdapter(),
    {
      // Bodies are read by BodyInterceptor, after the guards, and their errors get the API's error shape.
      bodyParser: false,
      // Open event streams would otherwise hold `close()` until every screen disconnects.
      forceCloseConnections: true,
      // Start-up messages wait for the JSON logger below.
      bufferLogs: true,
    },
  );
  app.useLogger(new CountingLogger(new PinoAppLogger(log.logger), app.get(Metrics)));
  // First, so every request's line has its duration from the start (screens' streams are left out).
  app.use(log.middleware);
  // Prometheus expects `/metrics`; everything else is the API.
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.disable('x-powered-by');
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config));
  // Closed by default: only the listed origins may call the API from a browser.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });
  // After helmet, so the docs get the same security headers as the rest of the app.
  await setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
