import { Controller, Get, Headers, Ip, type MessageEvent, Param, Query, Sse, SseSignal } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { Board } from '#shared/board';
import type { BoardEvent } from '#shared/board-event';
import { StationParams } from '../common/station-params';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { shortAgent } from '../screens/user-agent';
import { BoardStreamService } from './board-stream.service';
import { StreamQuery } from './stream-query';
import { type WireType, wireRef } from '../openapi/wire-schema';

/** Characters that may queue for a screen that stops reading before it is cut off (it then resyncs). */
export const MAX_PENDING_PER_SCREEN = 1024 * 1024;

/** The wire type of each kind of message on the stream, by its `type` (also the SSE `event:` name). */
const BOARD_EVENT_SCHEMAS = {
  snapshot: 'SnapshotEvent',
  'departure-set': 'DepartureSetEvent',
  'departure-removed': 'DepartureRemovedEvent',
  'alert-set': 'AlertSetEvent',
  'alert-cleared': 'AlertClearedEvent',
  heartbeat: 'HeartbeatEvent',
  reload: 'ReloadEvent',
  screen: 'ScreenEvent',
} as const satisfies Record<BoardEvent['type'], WireType>;

const EVENT_TYPES = Object.keys(BOARD_EVENT_SCHEMAS)
  .map((type) => `\`${type}\``)
  .join(', ');

const STREAM_DESCRIPTION = `A \`text/event-stream\` (Server-Sent Events). The first message is always a \`snapshot\` of the whole board;
after it, one message per stored change, in order, and a \`heartbeat\` when nothing else was sent for \`HEARTBEAT_MS\` (15 s).

- \`event:\` is the message's \`type\` (${EVENT_TYPES}); \`data:\` is its JSON, one shape per \`type\` (the schema below).
- \`id:\` is \`<epoch>.<seq>\`. A client that reconnects with it as \`Last-Event-ID\` (browsers do so by themselves) or
  \`?lastEventId=\` gets exactly the changes it missed; an id from another store, or one too old, gets a fresh \`snapshot\`.
- \`retry:\` has random jitter, so screens cut off together do not all return at once.
- An unknown station answers \`404\` (JSON) before any stream starts.

\`\`\`
event: snapshot
id: 2727b8d782.27
retry: 1908
data: {"type":"snapshot","board":{"epoch":"2727b8d782","seq":27,"station":{"id":"zurich-hb","name":"Zürich HB","timezone":"Europe/Zurich"},"departures":[],"alerts":[],"feed":null}}

event: alert-set
id: 2727b8d782.28
data: {"type":"alert-set","seq":28,"alert":{"id":"a-3f9a0c1b2d4e","severity":"warning","text":"Platform 3 closed","validFrom":null,"validUntil":null,"createdAt":"2026-11-23T08:12:00.000Z"}}
\`\`\``;

/** A station's board: as one snapshot, or as a live stream for a screen. */
@ApiTags('boards')
@Controller('stations/:stationId/board')
export class BoardController {
  constructor(private readonly boards: BoardStreamService) {}

  @Get()
  @ApiOperation({
    summary: 'The board snapshot',
    description: 'Station, departures in display order, alerts, and the position (`epoch`, `seq`) it is as of.',
  })
  @ApiOkResponse({ schema: wireRef('Board') })
  @ApiErrorResponse(404, '`not_found`: no such station')
  board(@Param() { stationId }: StationParams): Promise<Board> {
    return this.boards.board(stationId);
  }

  /** Resumes from `Last-Event-ID`, or from `?lastEventId=` for clients that cannot set headers. */
  @Sse('events', { maxPendingDataLength: MAX_PENDING_PER_SCREEN })
  @ApiOperation({ summary: 'The live stream of a board', description: STREAM_DESCRIPTION })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The `id` of the last message the client applied: resume after it',
    schema: { type: 'string', example: '2727b8d782.27' },
  })
  @ApiOkResponse({
    description: "The stream: each message's `data` is one of these, by `type`",
    content: {
      'text/event-stream': {
        schema: {
          oneOf: Object.values(BOARD_EVENT_SCHEMAS).map(wireRef),
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(Object.entries(BOARD_EVENT_SCHEMAS).map(([type, name]) => [type, wireRef(name).$ref])),
          },
        },
      },
    },
  })
  @ApiErrorResponse(404, '`not_found`: no such station')
  @ApiErrorResponse(
    429,
    '`too_many_streams`: this client address already has `STREAMS_PER_CLIENT` streams open; try again after `Retry-After` seconds',
  )
  events(
    @Param() { stationId }: StationParams,
    @Query() query: StreamQuery,
    @Ip() address: string,
    @SseSignal() lifetime: AbortSignal,
    @Headers('last-event-id') lastEventId?: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<Observable<MessageEvent>> {
    const screen = query.screen ? { id: query.screen, version: query.v ?? 'unknown', userAgent: shortAgent(userAgent) } : undefined;
    return this.boards.open(stationId, { address, lifetime }, lastEventId ?? query.lastEventId, screen);
  }
}
