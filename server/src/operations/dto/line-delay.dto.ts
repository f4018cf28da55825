import { IsInt, Max, Min } from 'class-validator';
import type { LineDelayBody } from '#shared/api';
import { IsText } from '../../common/is-text';

export class LineDelayDto implements LineDelayBody {
  @IsText(1, 16)
  line!: string;

  @IsInt({ message: 'delayMinutes must be a whole number of minutes' })
  @Min(-60)
  @Max(1440)
  delayMinutes!: number;
}
