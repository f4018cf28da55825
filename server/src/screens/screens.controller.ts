import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Screen } from '#shared/screens';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { ScreenBeaconDto, ScreenParams } from './dto/screen.dto';
import { ScreenFleet } from './screen-fleet.service';
import { ScreensService } from './screens.service';
import { WriteRoutes } from '../common/write-routes.decorator';
import { shortAgent } from './user-agent';
import { wireArray } from '../openapi/wire-schema';

/** The screen fleet: what each station screen reports, and reloading one from the console. */
@ApiTags('screens')
@WriteRoutes()
@Controller('screens')
export class ScreensController {
  constructor(
    private readonly screens: ScreensService,
    private readonly fleet: ScreenFleet,
  ) {}

  @Get()
  @Access('signed-in')
  @ApiOperation({
    summary: 'The screens of the stations you may see',
    description:
      'Each with its release, whether it is connected, when it was last seen and how old its data is; `stale` and `outdated` flag the ones to look at.',
  })
  @ApiOkResponse({ schema: wireArray('Screen') })
  list(@Req() req: AuthenticatedRequest): Promise<Screen[]> {
    return this.screens.list(req.principal!);
  }

  /**
   * A station screen has no credentials: its stream's key is what proves the report is its own,
   * and the station is its stream's.
   */
  @Post(':screenId/beacon')
  @Access('public')
  @HttpCode(204)
  @ApiOperation({
    summary: "A screen's minute report",
    description:
      'Sent by each station screen every minute: its release and the age of its data, with the `beaconKey` its open stream sent it (the `screen` message). Counts for the station of that stream.',
  })
  @ApiBody({ type: ScreenBeaconDto })
  @ApiNoContentResponse({ description: 'Noted' })
  @ApiErrorResponse(404, '`not_found`: the screen has no open stream with this key (the stream closed, or the key is not its own)')
  beacon(@Param() { screenId }: ScreenParams, @Body() body: ScreenBeaconDto, @Headers('user-agent') userAgent?: string): Promise<void> {
    return this.fleet.beacon(screenId, body, shortAgent(userAgent));
  }

  @Post(':screenId/reload')
  @Access('signed-in')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Ask a screen to reload its page',
    description: "Needs the `departures` permission at the screen's station. Delivered over the screen's stream within seconds.",
  })
  @ApiNoContentResponse({ description: 'Requested' })
  @ApiErrorResponse(404, '`not_found`: no such screen')
  reload(@Param() { screenId }: ScreenParams, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.screens.reload(screenId, req.principal!);
  }
}
