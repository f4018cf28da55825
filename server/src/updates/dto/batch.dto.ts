import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import type { BatchBody, BatchUpdate } from '#shared/api';
import { UPDATE_CLASSES } from './batch-update.dto';

export const MAX_BATCH = 5_000;

/** The batch's envelope; each update is validated on its own, so one bad item rejects only itself. */
@ApiExtraModels(...Object.values(UPDATE_CLASSES))
export class BatchDto implements BatchBody {
  // A union the plugin cannot see: each item is one of the update kinds, told apart by `op`.
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: Object.values(UPDATE_CLASSES).map((cls) => ({ $ref: getSchemaPath(cls) })),
      discriminator: {
        propertyName: 'op',
        mapping: Object.fromEntries(Object.entries(UPDATE_CLASSES).map(([op, cls]) => [op, getSchemaPath(cls)])),
      },
    },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `updates must have at most ${MAX_BATCH} items; split larger batches` })
  @IsObject({ each: true, message: 'each value in updates must be an object' })
  updates!: BatchUpdate[];
}
