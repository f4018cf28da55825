import { Module } from '@nestjs/common';
import { BodyInterceptor } from './body.interceptor';
import { BodyReader } from './body-reader.service';
import { IdempotencyQueue } from './idempotency-queue';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { StoreModule } from '../store/store.module';

/**
 * What a controller with write routes needs to bind `@WriteRoutes()`: a feature module that has one
 * imports this. Reads never pass through it, so a screen's stream carries no interceptor layers.
 */
@Module({
  imports: [StoreModule],
  providers: [BodyReader, IdempotencyQueue, BodyInterceptor, IdempotencyInterceptor],
  exports: [BodyReader, IdempotencyQueue, BodyInterceptor, IdempotencyInterceptor],
})
export class WriteEdgeModule {}
