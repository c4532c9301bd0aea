/**
 * What every registry controller does with its aggregate, written once: list a page in
 * id order, get one, and run a command (decide → append → read the caller's own write)
 * answering with the view. The read routes are declared once in read-endpoints.ts; the
 * command routes, their decorators and OpenAPI descriptions stay in the controllers.
 */
import type { z } from 'zod';
import {
  afterIdOf,
  asOperator,
  idempotencyKeyOf,
  type Page,
  pageOf,
  pageQuery,
  validated,
} from '@chargeledger/platform/http';
import type {
  CommandOutcome,
  RegistryCommandExecutor,
} from '../commands/registry-command.executor';
import type { AggregateSpec, RegistryEvent } from '../state/registry-aggregates';
import type { RegistryStateStore, StoredAggregate } from '../state/registry-state.store';

export interface AggregateResourceSpec<S, E extends RegistryEvent, C, V> {
  readonly spec: AggregateSpec<S, E>;
  /** The domain's pure decide for this aggregate. */
  readonly decide: (command: C, state: S) => readonly E[];
  /**
   * Views loaded aggregates, one view per row in the same order. Takes the whole page so
   * data kept beside the state (personal data) is read with one query, not one per row.
   */
  readonly views: (rows: readonly StoredAggregate<S>[]) => Promise<V[]>;
}

/** `views` for an aggregate whose view needs nothing but its state and id. */
export function viewsOf<S, V>(
  viewOf: (state: S, id: string) => V,
): (rows: readonly StoredAggregate<S>[]) => Promise<V[]> {
  return (rows) => Promise.resolve(rows.map((row) => viewOf(row.state, row.id)));
}

export class AggregateResource<S, E extends RegistryEvent, C, V> {
  constructor(
    private readonly executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
    private readonly resource: AggregateResourceSpec<S, E, C, V>,
  ) {}

  /** A `list` handler: the operator's aggregates after the cursor, in id order. */
  list(params: unknown, query: unknown): Promise<Page<V>> {
    return asOperator(params, async () => {
      const { limit, cursor } = validated(pageQuery, query, 'query');
      const page = await this.store.page(this.resource.spec, limit, afterIdOf(cursor));
      return pageOf(await this.resource.views(page), limit, page.at(-1)?.id);
    });
  }

  /** A `get` handler: validates the path with `path`, then views the aggregate it names. */
  get<P extends z.ZodType>(
    params: unknown,
    path: P,
    idOf: (path: z.infer<P>) => string,
  ): Promise<V> {
    return asOperator(params, () => this.view(idOf(validated(path, params, 'path'))));
  }

  /** Runs `command` on aggregate `id` under the request's Idempotency-Key and views the result. */
  async execute(id: string, key: unknown, command: C): Promise<V> {
    await this.append(id, idempotencyKeyOf(key), command);
    return this.view(id);
  }

  /**
   * Runs `command` without viewing the result, for handlers with more to do before they
   * answer; `eventId` is passed when the handler minted the aggregate's id from it.
   */
  append(
    id: string,
    idempotencyKey: string | undefined,
    command: C,
    eventId?: string,
  ): Promise<CommandOutcome> {
    const request = {
      spec: this.resource.spec,
      id,
      idempotencyKey,
      decide: (state: S) => this.resource.decide(command, state),
    };
    return eventId === undefined
      ? this.executor.execute(request)
      : this.executor.execute(request, eventId);
  }

  async view(id: string): Promise<V> {
    const { state } = await this.store.load(this.resource.spec, id);
    const [view] = await this.resource.views([{ id, state }]);
    if (view === undefined) throw new Error(`views returned nothing for ${id}`);
    return view;
  }
}
