import type { App, InstallationStore } from "@slack/bolt";
import type { AppLogger } from "../../logger.js";

/**
 * With OAuth, a workspace that removes the app (`app_uninstalled`) or revokes its bot token
 * (`tokens_revoked`) loses its installation at once: nothing is kept that can no longer be used.
 * Bolt runs these two events even when authorization fails, which it does once tokens are gone.
 */
export function registerInstallationEvents(
  app: App,
  store: InstallationStore,
  logger: AppLogger,
): void {
  const remove = async (
    reason: string,
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
  ) => {
    if (store.deleteInstallation === undefined) return;
    const isEnterpriseInstall = context.isEnterpriseInstall === true;
    try {
      await store.deleteInstallation({
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall,
      } as Parameters<NonNullable<InstallationStore["deleteInstallation"]>>[0]);
      logger.info({ event: "installation_deleted", reason }, "installation deleted");
    } catch (error) {
      logger.error(
        { event: "installation_delete_failed", reason, err: error },
        "could not delete an installation",
      );
    }
  };
  app.event("app_uninstalled", async ({ context }) => remove("app_uninstalled", context));
  app.event("tokens_revoked", async ({ event, context }) => {
    // Only the bot token matters to this app; a revoked user token changes nothing.
    if ((event.tokens.bot ?? []).length > 0) await remove("tokens_revoked", context);
  });
}
