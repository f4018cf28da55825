/** Leases in the store: which instance runs a periodic task (roll-off, polling, trimming, the simulator). */
export abstract class LeasesRepository {
  /**
   * Takes or renews the lease `name` for `holder` until `until`, if it is free, lapsed (before
   * `now`) or already the holder's; `true` when the holder has it now.
   */
  abstract acquireLease(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
}
