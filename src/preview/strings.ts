import * as vscode from 'vscode';
import type { PreviewStrings } from './protocol';

/** The webview's UI text, localised on the host. */
export function previewStrings(): PreviewStrings {
  const t = vscode.l10n.t;
  return {
    loading: t('Loading…'),
    actions: {
      copyFileId: t('Copy File ID'),
      copyDownloadUrl: t('Copy Download URL'),
      copyPreviewUrl: t('Copy Preview URL'),
      copyHlsUrl: t('Copy HLS URL'),
      copyPublicPreviewUrl: t('Copy Public Preview URL'),
      insertFileId: t('Insert File ID'),
      copyPublicLink: t('Copy Public Link'),
      enablePublicPreview: t('Enable Public Preview'),
      disablePublicPreview: t('Disable Public Preview'),
      openInVideoGen: t('Open in VideoGen'),
      saveToWorkspace: t('Save to Workspace…'),
      retry: t('Retry'),
      setApiKey: t('Set API Key'),
      showLog: t('Show Log'),
    },
    actionHints: {
      copyFileId: t('Copy the file ID to the clipboard'),
      insertFileId: t('Insert the file ID at the cursor of the last text editor'),
      copyDownloadUrl: t('Copy the signed URL of the full-quality file (it expires)'),
      copyPreviewUrl: t('Copy the signed URL of the preview rendition (it expires)'),
      copyHlsUrl: t('Copy the signed HLS streaming URL (it expires)'),
      copyPublicPreviewUrl: t('Copy the permanent public URL'),
      copyPublicLink: t('Turn on public preview (after asking) and copy the permanent public link once it is ready'),
      enablePublicPreview: t('Publish a permanent copy that anyone with the link can open'),
      disablePublicPreview: t('Remove the public copy: public links and embeds stop working; signed URLs keep working'),
      openInVideoGen: t("Open the file's page in the VideoGen web app"),
      saveToWorkspace: t('Download the file into a folder of the workspace'),
    },
    labels: {
      transcript: t('Transcript'),
      details: t('Details'),
      toolbar: t('File actions'),
    },
    transcriptHint: t('Select a word to jump to it.'),
    processing: t('VideoGen is still processing this file. Its preview appears when processing has finished.'),
    noMedia: t('This file has no preview here. Open it in VideoGen to see it.'),
    unsupportedFormat: t(
      "This file can't be played here: VS Code's built-in player does not support its format ({0}). Open it in VideoGen instead.",
    ),
    mediaFailed: t(
      "This file can't be played here, even with freshly signed links. VS Code's built-in player may not support its format (H.264 video and HLS streams are missing from some builds). Open it in VideoGen instead.",
    ),
    imageAlt: t('Preview of {0}'),
  };
}
