import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import type { BatchBody, BatchUpdate } from '#shared/api';

export const MAX_BATCH = 5_000;

/** The batch's envelope; each update is validated on its own, so one bad item rejects only itself. */
export class BatchDto implements BatchBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `updates must have at most ${MAX_BATCH} items; split larger batches` })
  @IsObject({ each: true, message: 'each value in updates must be an object' })
  updates!: BatchUpdate[];
}
