import type { BatchItemResult, BatchReport } from '#shared/api';
import type { ApiErrorDto } from '../../common/dto/api-error.dto';

export class BatchItemResultDto implements BatchItemResult {
  /** The update's position in the batch, from 0. */
  index!: number;
  status!: 'applied' | 'rejected';
  seq?: number;
  error?: ApiErrorDto;
}

export class BatchReportDto implements BatchReport {
  applied!: number;
  rejected!: number;
  results!: BatchItemResultDto[];
}
