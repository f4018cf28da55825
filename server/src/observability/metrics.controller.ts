import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { MetricsTokenGuard } from './metrics-token.guard';
import { Metrics } from './metrics.service';

/**
 * Prometheus scrapes each instance here: outside `/api` and its reference (it is for the operator's
 * monitoring, not integrators), kept off the public internet by the proxy (see deploy/nginx), and
 * behind `METRICS_TOKEN` when one is set.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Access('public')
  @UseGuards(MetricsTokenGuard)
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
