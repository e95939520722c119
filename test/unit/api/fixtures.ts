// Example payloads E1–E14 of docs/videogen-api.md §8, copied verbatim (re-indented only).
// They are wire JSON: tests hand them to the parser as `unknown`.

/** E1 — GET /v1/files -> 200. */
export const E1_LIST_RESPONSE = {
  "files": [
    {
      "fileId": "vg_file_mot8bV5POiscDeHyo7TF1g",
      "type": "IMAGE",
      "scope": "GLOBAL",
      "displayName": "Project Logo",
      "description": "High-resolution logo for the main project branding"
    }
  ],
  "hasMore": false,
  "nextCursor": null
};

/** E2 — POST /v1/files/search request body. */
export const E2_SEARCH_REQUEST = {
  "query": "sunset over mountains"
};

/** E2 — POST /v1/files/search -> 200 (July shape: "" / 0 in the skipped hlsSource). */
export const E2_SEARCH_RESPONSE = {
  "results": [
    {
      "similarity": 0.87,
      "file": {
        "fileId": "vg_file_EjRWeKvN7wEjRWeJq83vAQ",
        "type": "IMAGE",
        "scope": "GLOBAL",
        "displayName": "Mountain Sunset",
        "description": "A high-resolution image capturing a vibrant sunset over the Rocky Mountains.",
        "durationSeconds": 0,
        "transcript": "",
        "thumbnailSource": {
          "status": "ready",
          "url": "https://cdn.videogen.io/thumbnails/vg_file_EjRWeKvN7wEjRWeJq83vAQ.jpg?token=abc123",
          "expiresAt": 1710000000,
          "width": 320,
          "height": 180,
          "fileBytes": 45000
        },
        "previewSource": {
          "status": "ready",
          "url": "https://cdn.videogen.io/previews/vg_file_EjRWeKvN7wEjRWeJq83vAQ_720p.mp4?token=def456",
          "expiresAt": 1710000000,
          "width": 1280,
          "height": 720,
          "fileBytes": 2500000
        },
        "downloadSource": {
          "status": "ready",
          "url": "https://cdn.videogen.io/downloads/vg_file_EjRWeKvN7wEjRWeJq83vAQ_fullres.jpg?token=ghi789",
          "expiresAt": 1710000000,
          "width": 3840,
          "height": 2160,
          "fileBytes": 8500000
        },
        "hlsSource": {
          "status": "skipped",
          "url": "",
          "expiresAt": 0,
          "width": 0,
          "height": 0,
          "fileBytes": 0
        },
        "isPublicPreviewEnabled": true,
        "publicHlsUrl": "",
        "publicPlaybackId": "",
        "sourceToolType": "GENERATE_IMAGE",
        "sourceToolExecutionId": "vg_tool_9abc789xyzxyz123abc"
      }
    }
  ]
};

/** E3 — GET /v1/files/vg_file_obLD1OX2eJCrEs0071Z4kA -> 200. */
export const E3_GET_RESPONSE = {
  "fileId": "vg_file_obLD1OX2eJCrEs0071Z4kA",
  "type": "IMAGE",
  "scope": "GLOBAL",
  "displayName": "Sunset Beach Photo",
  "description": "High-resolution image of a sunset over the beach with vibrant colors."
};

/** E4 — POST /v1/files/upload request body. */
export const E4_UPLOAD_REQUEST = {
  "type": "VIDEO",
  "displayName": "My Campaign Video"
};

/** E4 — POST /v1/files/upload -> 200. */
export const E4_UPLOAD_RESPONSE = {
  "fileId": "vg_file_obLD1OX2eJCrEs0071Z4kA",
  "uploadUrl": "https://9f3a7c1e8b4d6a0f2c5e9b1d7a8c3f60.r2.cloudflarestorage.com/storage-files-prod/vg_file_obLD1OX2eJCrEs0071Z4kA/primary-source?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=example%2F20260505%2Fwnam%2Fs3%2Faws4_request&X-Amz-Date=20260505T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=exampleSignatureValue"
};

/** E5 — POST /v1/files/vg_file_obLD1OX2eJCrEs0071Z4kA/hydrate -> 200 (VIDEO). */
export const E5_HYDRATE_RESPONSE = {
  "fileId": "vg_file_obLD1OX2eJCrEs0071Z4kA",
  "type": "VIDEO",
  "scope": "GLOBAL",
  "displayName": "My Campaign Video",
  "description": null,
  "durationSeconds": 12.5,
  "transcript": null,
  "thumbnailSource": {
    "status": "ready",
    "url": "https://image.media.videogen.io/example/thumbnail.jpg?token=abc",
    "width": 426,
    "height": 240
  },
  "previewSource": {
    "status": "ready",
    "url": "https://stream.media.videogen.io/example/720p.mp4?token=abc",
    "width": 1280,
    "height": 720
  },
  "downloadSource": {
    "status": "ready",
    "url": "https://stream.media.videogen.io/example/1080p.mp4?token=abc&download=My%20Campaign%20Video.mp4",
    "width": 1920,
    "height": 1080
  },
  "hlsSource": {
    "status": "ready",
    "url": "https://stream.media.videogen.io/example.m3u8?token=abc"
  },
  "isPublicPreviewEnabled": false
};

/** E6 — POST /v1/files/{fileId}/archive -> 200 (IMAGE; nulls in the skipped hlsSource). */
export const E6_ARCHIVE_RESPONSE = {
  "fileId": "vg_file_123abc456def",
  "type": "IMAGE",
  "scope": "GLOBAL",
  "displayName": "Sunset Over Mountains",
  "description": "High-resolution image of a sunset over the Rocky Mountains.",
  "durationSeconds": null,
  "transcript": null,
  "thumbnailSource": {
    "status": "ready",
    "url": "https://cdn.videogen.io/thumbnails/vg_file_123abc456def.jpg?token=abc123",
    "expiresAt": 1712000000,
    "width": 320,
    "height": 180,
    "fileBytes": 45000
  },
  "previewSource": {
    "status": "ready",
    "url": "https://cdn.videogen.io/previews/vg_file_123abc456def_720p.jpg?token=def456",
    "expiresAt": 1712000000,
    "width": 1280,
    "height": 720,
    "fileBytes": 350000
  },
  "downloadSource": {
    "status": "ready",
    "url": "https://cdn.videogen.io/downloads/vg_file_123abc456def.png?token=ghi789",
    "expiresAt": 1712000000,
    "width": 3840,
    "height": 2160,
    "fileBytes": 4500000
  },
  "hlsSource": {
    "status": "skipped",
    "url": null,
    "expiresAt": null,
    "width": null,
    "height": null,
    "fileBytes": null
  },
  "isPublicPreviewEnabled": true,
  "publicHlsUrl": null,
  "publicPlaybackId": null,
  "sourceToolType": "GENERATE_IMAGE",
  "sourceToolExecutionId": "vg_tool_789xyz123abc"
};

/** E7 — POST /v1/files/vg_file_obLD1OX2eJCrEs0071Z4kA/enable-public-preview -> 200. */
export const E7_ENABLE_PUBLIC_PREVIEW_RESPONSE = {
  "fileId": "vg_file_obLD1OX2eJCrEs0071Z4kA",
  "type": "VIDEO",
  "scope": "GLOBAL",
  "displayName": "My Campaign Video",
  "durationSeconds": 12.5,
  "isPublicPreviewEnabled": true,
  "staticPublicPreviewSource": {
    "status": "ready",
    "url": "https://public-previews.videogen.io/vg_file_obLD1OX2eJCrEs0071Z4kA.mp4",
    "expiresAt": null,
    "width": 1280,
    "height": 720,
    "fileBytes": 2500000
  },
  "publicHlsUrl": "https://stream.media.videogen.io/abc123def.m3u8",
  "publicPlaybackId": "vg_play_abc123def"
};

/** E8 — POST /v1/files/vg_file_obLD1OX2eJCrEs0071Z4kA/disable-public-preview -> 200. */
export const E8_DISABLE_PUBLIC_PREVIEW_RESPONSE = {
  "fileId": "vg_file_obLD1OX2eJCrEs0071Z4kA",
  "type": "VIDEO",
  "scope": "GLOBAL",
  "displayName": "My Campaign Video",
  "durationSeconds": 12.5,
  "isPublicPreviewEnabled": false
};

/** E9 — Hydrate response from the File hydration guide. */
export const E9_HYDRATE_GUIDE_RESPONSE = {
  "fileId": "vg_file_...",
  "type": "IMAGE",
  "scope": "GLOBAL",
  "displayName": "A mountain at sunrise",
  "thumbnailSource": {
    "status": "ready",
    "url": "https://...",
    "expiresAt": 1745413200,
    "width": 256,
    "height": 256
  },
  "previewSource": {
    "status": "ready",
    "url": "https://...",
    "expiresAt": 1745413200,
    "width": 720,
    "height": 720
  },
  "downloadSource": {
    "status": "ready",
    "url": "https://...",
    "expiresAt": 1745413200,
    "width": 1024,
    "height": 1024
  }
};

/** E10 — `videogen files upload` output (root convenience URLs; "TEAM" scope is a README typo kept verbatim). */
export const E10_CLI_UPLOAD_OUTPUT = {
  "fileId": "vg_file_...",
  "type": "VIDEO",
  "scope": "TEAM",
  "displayName": "clip.mp4",
  "downloadUrl": "https://...",
  "downloadUrlExpiresAt": 1769900000,
  "thumbnailUrl": "https://...",
  "thumbnailUrlExpiresAt": 1769900000
};

/** E11 — Error body from the errors page. */
export const E11_INVALID_API_KEY_ERROR = {
  "message": "API key is invalid or has been revoked.",
  "code": "invalid_api_key"
};

/** E11 — 401 body from the authentication page. */
export const E11_UNAUTHORIZED_ERROR = {
  "message": "Unauthorized"
};

/** E13 — Tool-execution webhook carrying a hydrated file. */
export const E13_TOOL_EXECUTION_WEBHOOK = {
  "event": "tool_execution.succeeded",
  "toolExecutionId": "vg_exec_...",
  "toolType": "GENERATE_IMAGE",
  "occurredAt": 1745409600,
  "results": [
    {
      "fileId": "vg_file_...",
      "type": "IMAGE",
      "file": {
        "fileId": "vg_file_...",
        "type": "IMAGE",
        "scope": "GLOBAL",
        "displayName": "A mountain at sunrise",
        "thumbnailSource": { "status": "ready", "url": "https://...", "expiresAt": 1745413200 },
        "previewSource": { "status": "ready", "url": "https://...", "expiresAt": 1745413200 },
        "downloadSource": { "status": "ready", "url": "https://...", "expiresAt": 1745413200 }
      }
    }
  ]
};

/** E14 — Hosted MCP get_file structured result (MCP-shaped, appMediaUrl is an MCP addition). */
export const E14_MCP_GET_FILE = {
  "fileId": "vg_file_7XoHR4wyGOlFKNmQeINtl7",
  "type": "AUDIO",
  "downloadUrl": "https://storage.googleapis.com/x/horn.mp3",
  "appMediaUrl": "http://localhost:3000/media?storageFileId=vg_file_7XoHR4wyGOlFKNmQeINtl7",
  "displayName": "horn.mp3"
};

/** The hydrated file inside E13. */
export const E13_FILE: unknown = E13_TOOL_EXECUTION_WEBHOOK.results[0].file;
