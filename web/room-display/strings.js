// strings.js — every text of the room display (web/room-display/index.html, room-display.js), one table per language:
// en, de, ja, nl, fr, es, it, pt, zh (Simplified), ko. Loaded before room-display.js, which reads
// window.SlotwiseRoomDisplayStrings; usable from node (tests/browser/room_display.test.mjs checks that every table has
// the English ids with the same {placeholders}).
//
// The page picks the table by the primary subtag of the display's locale (before pairing: the browser's). Times and
// dates ({time}, {start}, {end}) are never written here: room-display.js formats them with Intl in the display's
// locale and zone. Meetings have no titles on a display: only "Interview" for Slotwise's own, else "Busy".
'use strict';
(function (root) {
  const strings = {
    en: {
      pairTitle: 'Pair this room display', pairIntro: 'Type the pairing code your administrator gave you.',
      codeLabel: 'Pairing code', pair: 'Pair', pairing: 'Pairing…',
      pairRefused: 'This code is unknown, already used or expired. Ask for a new one.',
      tooMany: 'Too many attempts. Wait a minute and try again.', failed: 'Something went wrong. Try again.',
      free: 'Free', busy: 'Busy', unknown: 'Not known',
      freeUntil: 'Free until {time}', freeAllDay: 'Free for the rest of the day', busyUntil: 'Busy until {time}',
      unknownText: 'The room’s calendar cannot be read right now.',
      next: 'Next', nothingNext: 'Nothing else today', interview: 'Interview', meeting: 'Busy', span: '{start}–{end}',
      capacity: '{n} seats', offline: 'No connection — the last known state is shown.',
    },
    de: {
      pairTitle: 'Raumdisplay koppeln', pairIntro: 'Geben Sie den Kopplungscode ein, den Sie von Ihrer Administration erhalten haben.',
      codeLabel: 'Kopplungscode', pair: 'Koppeln', pairing: 'Wird gekoppelt…',
      pairRefused: 'Dieser Code ist unbekannt, bereits verwendet oder abgelaufen. Bitten Sie um einen neuen.',
      tooMany: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es erneut.',
      failed: 'Etwas ist schiefgegangen. Versuchen Sie es erneut.',
      free: 'Frei', busy: 'Belegt', unknown: 'Unbekannt',
      freeUntil: 'Frei bis {time}', freeAllDay: 'Frei für den Rest des Tages', busyUntil: 'Belegt bis {time}',
      unknownText: 'Der Kalender des Raums kann gerade nicht gelesen werden.',
      next: 'Als Nächstes', nothingNext: 'Heute nichts mehr', interview: 'Vorstellungsgespräch', meeting: 'Belegt',
      span: '{start}–{end}', capacity: '{n} Plätze', offline: 'Keine Verbindung – der letzte bekannte Stand wird gezeigt.',
    },
    ja: {
      pairTitle: 'この会議室ディスプレイをペアリング', pairIntro: '管理者から受け取ったペアリングコードを入力してください。',
      codeLabel: 'ペアリングコード', pair: 'ペアリング', pairing: 'ペアリング中…',
      pairRefused: 'このコードは無効、使用済み、または期限切れです。新しいコードを依頼してください。',
      tooMany: '試行回数が多すぎます。1分待ってからもう一度お試しください。', failed: '問題が発生しました。もう一度お試しください。',
      free: '空き', busy: '使用中', unknown: '不明',
      freeUntil: '{time}まで空き', freeAllDay: '本日はこの後ずっと空き', busyUntil: '{time}まで使用中',
      unknownText: '現在、会議室のカレンダーを読み取れません。',
      next: '次の予定', nothingNext: '本日の予定はもうありません', interview: '面接', meeting: '予定あり', span: '{start}～{end}',
      capacity: '{n}名', offline: '接続できません。最後に確認した状態を表示しています。',
    },
    nl: {
      pairTitle: 'Dit ruimtescherm koppelen', pairIntro: 'Typ de koppelcode die je van je beheerder hebt gekregen.',
      codeLabel: 'Koppelcode', pair: 'Koppelen', pairing: 'Bezig met koppelen…',
      pairRefused: 'Deze code is onbekend, al gebruikt of verlopen. Vraag om een nieuwe.',
      tooMany: 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.', failed: 'Er ging iets mis. Probeer het opnieuw.',
      free: 'Vrij', busy: 'Bezet', unknown: 'Onbekend',
      freeUntil: 'Vrij tot {time}', freeAllDay: 'Vrij voor de rest van de dag', busyUntil: 'Bezet tot {time}',
      unknownText: 'De agenda van deze ruimte kan nu niet worden gelezen.',
      next: 'Hierna', nothingNext: 'Vandaag niets meer', interview: 'Sollicitatiegesprek', meeting: 'Bezet',
      span: '{start}–{end}', capacity: '{n} plaatsen', offline: 'Geen verbinding – de laatst bekende stand wordt getoond.',
    },
    fr: {
      pairTitle: 'Associer cet écran de salle', pairIntro: 'Saisissez le code d’association fourni par votre administrateur.',
      codeLabel: 'Code d’association', pair: 'Associer', pairing: 'Association…',
      pairRefused: 'Ce code est inconnu, déjà utilisé ou expiré. Demandez-en un nouveau.',
      tooMany: 'Trop de tentatives. Attendez une minute puis réessayez.', failed: 'Une erreur est survenue. Réessayez.',
      free: 'Libre', busy: 'Occupée', unknown: 'Inconnu',
      freeUntil: 'Libre jusqu’à {time}', freeAllDay: 'Libre pour le reste de la journée', busyUntil: 'Occupée jusqu’à {time}',
      unknownText: 'Le calendrier de la salle ne peut pas être lu pour le moment.',
      next: 'Ensuite', nothingNext: 'Plus rien aujourd’hui', interview: 'Entretien', meeting: 'Occupée',
      span: '{start}–{end}', capacity: '{n} places', offline: 'Pas de connexion — le dernier état connu est affiché.',
    },
    es: {
      pairTitle: 'Vincular esta pantalla de sala', pairIntro: 'Escriba el código de vinculación que le dio su administrador.',
      codeLabel: 'Código de vinculación', pair: 'Vincular', pairing: 'Vinculando…',
      pairRefused: 'Este código es desconocido, ya se usó o caducó. Pida uno nuevo.',
      tooMany: 'Demasiados intentos. Espere un minuto y vuelva a intentarlo.', failed: 'Algo salió mal. Vuelva a intentarlo.',
      free: 'Libre', busy: 'Ocupada', unknown: 'Desconocido',
      freeUntil: 'Libre hasta las {time}', freeAllDay: 'Libre el resto del día', busyUntil: 'Ocupada hasta las {time}',
      unknownText: 'Ahora no se puede leer el calendario de la sala.',
      next: 'A continuación', nothingNext: 'Nada más hoy', interview: 'Entrevista', meeting: 'Ocupada',
      span: '{start}–{end}', capacity: '{n} plazas', offline: 'Sin conexión: se muestra el último estado conocido.',
    },
    it: {
      pairTitle: 'Associa questo display della sala', pairIntro: 'Digiti il codice di associazione ricevuto dall’amministratore.',
      codeLabel: 'Codice di associazione', pair: 'Associa', pairing: 'Associazione in corso…',
      pairRefused: 'Questo codice è sconosciuto, già usato o scaduto. Ne chieda uno nuovo.',
      tooMany: 'Troppi tentativi. Attenda un minuto e riprovi.', failed: 'Qualcosa è andato storto. Riprovi.',
      free: 'Libera', busy: 'Occupata', unknown: 'Sconosciuto',
      freeUntil: 'Libera fino alle {time}', freeAllDay: 'Libera per il resto della giornata', busyUntil: 'Occupata fino alle {time}',
      unknownText: 'Il calendario della sala non può essere letto ora.',
      next: 'Poi', nothingNext: 'Nient’altro oggi', interview: 'Colloquio', meeting: 'Occupata',
      span: '{start}–{end}', capacity: '{n} posti', offline: 'Nessuna connessione: è mostrato l’ultimo stato noto.',
    },
    pt: {
      pairTitle: 'Parear esta tela da sala', pairIntro: 'Digite o código de pareamento que seu administrador forneceu.',
      codeLabel: 'Código de pareamento', pair: 'Parear', pairing: 'Pareando…',
      pairRefused: 'Este código é desconhecido, já foi usado ou expirou. Peça um novo.',
      tooMany: 'Tentativas demais. Aguarde um minuto e tente novamente.', failed: 'Algo deu errado. Tente novamente.',
      free: 'Livre', busy: 'Ocupada', unknown: 'Desconhecido',
      freeUntil: 'Livre até {time}', freeAllDay: 'Livre pelo resto do dia', busyUntil: 'Ocupada até {time}',
      unknownText: 'A agenda da sala não pode ser lida agora.',
      next: 'A seguir', nothingNext: 'Nada mais hoje', interview: 'Entrevista', meeting: 'Ocupada',
      span: '{start}–{end}', capacity: '{n} lugares', offline: 'Sem conexão — o último estado conhecido é mostrado.',
    },
    zh: {
      pairTitle: '配对此会议室显示屏', pairIntro: '请输入管理员提供的配对码。',
      codeLabel: '配对码', pair: '配对', pairing: '正在配对…',
      pairRefused: '此配对码无效、已使用或已过期。请索取新的配对码。',
      tooMany: '尝试次数过多。请等待一分钟后重试。', failed: '出现问题。请重试。',
      free: '空闲', busy: '占用', unknown: '未知',
      freeUntil: '空闲至 {time}', freeAllDay: '今天剩余时间空闲', busyUntil: '占用至 {time}',
      unknownText: '目前无法读取会议室的日历。',
      next: '接下来', nothingNext: '今天没有其他安排', interview: '面试', meeting: '占用', span: '{start}–{end}',
      capacity: '{n} 个座位', offline: '无法连接，显示的是最后已知的状态。',
    },
    ko: {
      pairTitle: '이 회의실 디스플레이 연결', pairIntro: '관리자에게 받은 연결 코드를 입력하십시오.',
      codeLabel: '연결 코드', pair: '연결', pairing: '연결하는 중…',
      pairRefused: '이 코드는 알 수 없거나 이미 사용되었거나 만료되었습니다. 새 코드를 요청하십시오.',
      tooMany: '시도 횟수가 너무 많습니다. 1분 후에 다시 시도하십시오.', failed: '문제가 발생했습니다. 다시 시도하십시오.',
      free: '비어 있음', busy: '사용 중', unknown: '알 수 없음',
      freeUntil: '{time}까지 비어 있음', freeAllDay: '오늘은 남은 시간 동안 비어 있음', busyUntil: '{time}까지 사용 중',
      unknownText: '지금은 회의실 캘린더를 읽을 수 없습니다.',
      next: '다음 일정', nothingNext: '오늘은 더 이상 일정이 없습니다', interview: '면접', meeting: '사용 중',
      span: '{start}–{end}', capacity: '{n}석', offline: '연결되지 않았습니다. 마지막으로 확인한 상태를 표시합니다.',
    },
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = strings;
  else root.SlotwiseRoomDisplayStrings = strings;
}(typeof window !== 'undefined' ? window : globalThis));
