import type { Alert, AlertSeverity } from '#shared/board';
import type { Instant } from '../../common/dto/instant';

export class AlertDto implements Alert {
  id!: string;
  severity!: AlertSeverity;
  text!: string;
  validFrom!: Instant | null;
  validUntil!: Instant | null;
  createdAt!: Instant;
  translations?: Record<string, string>;
}
