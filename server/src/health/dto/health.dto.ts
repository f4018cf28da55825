import type { Health } from '#shared/api';

export class HealthDto implements Health {
  status!: 'ok' | 'degraded';
  version!: string;
  uptimeSeconds!: number;
  store!: 'ok' | 'unavailable';
  fanOut!: 'in-process' | 'redis' | 'redis-unavailable';
}
