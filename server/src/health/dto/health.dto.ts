import type { Health } from '#shared/api';

export class HealthDto implements Health {
  status!: 'ok';
  version!: string;
  uptimeSeconds!: number;
}
