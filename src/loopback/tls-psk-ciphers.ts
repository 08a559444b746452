// The PSK cipher list the emulator's TLS client and the TLS echo peer share.

/** TLS 1.2 PSK suites; Node leaves PSK out of its default list, so both sides name them. */
export const TLS_PSK_CIPHERS = 'PSK-AES128-GCM-SHA256:PSK-AES256-GCM-SHA384:PSK-AES128-CBC-SHA256';
