import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Pool } from "pg";
import { seal, unseal } from "./token-seal.js";

/** An org-wide install is found by its enterprise, any other by its workspace. */
function keyOfQuery(query: InstallationQuery<boolean>): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `E:${query.enterpriseId}`;
  if (query.teamId) return `T:${query.teamId}`;
  throw new Error("an installation query needs a team or an enterprise id");
}

function keyOfInstallation(installation: Installation): string {
  if (installation.isEnterpriseInstall && installation.enterprise?.id)
    return `E:${installation.enterprise.id}`;
  if (installation.team?.id) return `T:${installation.team.id}`;
  throw new Error("an installation needs a team or an enterprise id");
}

/**
 * Bolt's `InstallationStore` over PostgreSQL: one row per workspace (or org-wide install), the
 * installation sealed with AES-256-GCM under TOKEN_ENCRYPTION_KEY, so a database dump holds no
 * usable token. Every replica reads the same rows: an install finished on one serves all.
 */
export function createPostgresInstallationStore(pool: Pool, key: Buffer): InstallationStore {
  return {
    async storeInstallation(installation) {
      const installKey = keyOfInstallation(installation);
      await pool.query(
        `INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise_install, sealed)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (install_key) DO UPDATE SET team_id = $2, enterprise_id = $3,
           is_enterprise_install = $4, sealed = $5, updated_at = now()`,
        [
          installKey,
          installation.team?.id ?? null,
          installation.enterprise?.id ?? null,
          installation.isEnterpriseInstall === true,
          seal(key, JSON.stringify(installation), installKey),
        ],
      );
    },
    async fetchInstallation(query) {
      const installKey = keyOfQuery(query);
      const found = await pool.query<{ sealed: Buffer }>(
        "SELECT sealed FROM installations WHERE install_key = $1",
        [installKey],
      );
      const row = found.rows[0];
      if (row === undefined) throw new Error(`no installation for ${installKey}`);
      return JSON.parse(unseal(key, row.sealed, installKey)) as Installation;
    },
    async deleteInstallation(query) {
      await pool.query("DELETE FROM installations WHERE install_key = $1", [keyOfQuery(query)]);
    },
  };
}
