import * as vscode from 'vscode';
import { VideoGenApiError } from '../api';
import { SecretStorageUnavailableError } from './apiKeyStore';
import type { Services } from '../services';

const KEYS_PAGE = 'https://app.videogen.io/api';

/**
 * "VideoGen: Set API Key". Asks for the key in a password box, checks it against the API before
 * storing it, and says why a refused key was refused. `key` lets tests and other extensions pass it.
 */
export type SetApiKeyResult = { saved: true } | { saved: false; reason: string };

export async function setApiKey(services: Services, key?: unknown): Promise<SetApiKeyResult> {
  const outcome = await obtainKey(services, key, 'secretStorage');
  if (!outcome.saved) return outcome;
  try {
    await services.keys.store(outcome.key);
  } catch (error) {
    if (!(error instanceof SecretStorageUnavailableError)) throw error;
    return offerSessionKey(services, outcome.key, error);
  }
  services.log.info('API key saved to secret storage');
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) VideoGen API key saved'), 4000);
  return { saved: true };
}

/**
 * "VideoGen: Use an API Key for This Session": the key is checked like Set API Key, then kept in memory until the
 * window closes (for when VS Code's secret storage cannot keep it).
 */
export async function setSessionApiKey(services: Services, key?: unknown): Promise<SetApiKeyResult> {
  const outcome = await obtainKey(services, key, 'session');
  if (!outcome.saved) return outcome;
  useForSession(services, outcome.key);
  return { saved: true };
}

function useForSession(services: Services, key: string): void {
  services.keys.useForSession(key);
  services.log.info('API key kept in memory for this session only');
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) VideoGen API key in use until the window closes'), 4000);
}

/** The secret storage refused the key: says so once, and offers to keep the (already checked) key in memory. */
async function offerSessionKey(services: Services, key: string, error: SecretStorageUnavailableError): Promise<SetApiKeyResult> {
  services.log.warn(`API key not saved: the secret storage failed (${error.cause instanceof Error ? error.cause.message : String(error.cause)})`);
  const useIt = vscode.l10n.t('Use for This Session');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      "The API key could not be saved: VS Code's secret storage is not available (often no OS keyring, as on headless Linux). You can use the key for this session only: it is kept in memory until the window closes.",
    ),
    useIt,
  );
  if (answer !== useIt) return { saved: false, reason: vscode.l10n.t("VS Code's secret storage is not available.") };
  useForSession(services, key);
  return { saved: true };
}

type KeyOutcome = { saved: true; key: string } | { saved: false; reason: string };

export async function clearApiKey(services: Services): Promise<void> {
  await services.keys.clear();
  services.log.info('API key removed (session and secret storage)');
  const stillFromEnv = (await services.keys.get())?.source === 'environment';
  void vscode.window.showInformationMessage(
    stillFromEnv
      ? vscode.l10n.t('The stored VideoGen API key was removed. VIDEOGEN_API_KEY from the environment is still used.')
      : vscode.l10n.t('The VideoGen API key was removed.'),
  );
}

/** The given key, or one typed into the password box, once the API accepted it. */
function obtainKey(services: Services, key: unknown, keptIn: 'secretStorage' | 'session'): Promise<KeyOutcome> {
  return typeof key === 'string' ? checkGivenKey(services, key.trim()) : askForKey(services, keptIn);
}

async function checkGivenKey(services: Services, key: string): Promise<KeyOutcome> {
  const problem = key ? await checkKey(services, key) : vscode.l10n.t('The key is empty.');
  if (!problem) return { saved: true, key };
  services.log.warn(`API key refused: ${problem}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('The API key was not saved: {0}', problem));
  return { saved: false, reason: problem };
}

/** Shows a password box and resolves with a key the API accepted, or "not saved" when dismissed. */
async function askForKey(services: Services, keptIn: 'secretStorage' | 'session'): Promise<KeyOutcome> {
  const input = vscode.window.createInputBox();
  input.title = keptIn === 'session' ? vscode.l10n.t('VideoGen API Key for This Session') : vscode.l10n.t('VideoGen API Key');
  input.prompt = keptIn === 'session'
    ? vscode.l10n.t('Paste an API key from {0}. It is kept in memory until the window closes, and never saved.', KEYS_PAGE)
    : vscode.l10n.t('Paste an API key from {0}. It is stored in VS Code\'s secret storage.', KEYS_PAGE);
  input.placeholder = 'sk_videogen_…';
  input.password = true;
  input.ignoreFocusOut = true;
  input.buttons = [{ iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open the page where keys are created') }];
  return new Promise<KeyOutcome>((resolve) => {
    const disposables: vscode.Disposable[] = [
      input.onDidTriggerButton(() => void vscode.env.openExternal(vscode.Uri.parse(KEYS_PAGE))),
      input.onDidChangeValue((value) => {
        input.validationMessage = /\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined;
      }),
      input.onDidAccept(async () => {
        const value = input.value.trim();
        if (!value || input.validationMessage) return;
        input.busy = true;
        input.enabled = false;
        const problem = await checkKey(services, value);
        input.busy = false;
        input.enabled = true;
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        finish(value);
      }),
      input.onDidHide(() => finish(undefined)),
    ];
    let done = false;
    function finish(value: string | undefined): void {
      if (done) return;
      done = true;
      resolve(value ? { saved: true, key: value } : { saved: false, reason: vscode.l10n.t('Cancelled.') });
      vscode.Disposable.from(...disposables).dispose();
      input.dispose();
    }
    input.show();
  });
}

/** Undefined when the API accepts the key; otherwise a sentence saying why not. */
async function checkKey(services: Services, key: string): Promise<string | undefined> {
  let client;
  try {
    client = services.session.createClientForKey(key);
    await client.listFiles({ limit: 1 });
    return undefined;
  } catch (error) {
    if (error instanceof VideoGenApiError && error.status === 401) return error.message;
    if (error instanceof Error) return error.message;
    return String(error);
  } finally {
    client?.close();
  }
}
