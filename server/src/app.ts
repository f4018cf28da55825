import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';

/** Builds the configured app without listening, so `main` and the e2e tests run the same thing. */
export async function createApp(config: AppConfig, logger: false | undefined = undefined): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    // Bodies are parsed by JsonBodyMiddleware so that parse errors get the API's error shape.
    bodyParser: false,
    // Open event streams would otherwise hold `close()` until every screen disconnects.
    forceCloseConnections: true,
    logger: logger === false ? false : ['log', 'warn', 'error'],
  });
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  return app;
}
