/** Textes français d’un espace effacé de son relais (vu d’un appareil) et de l’import et de l’export dans Réglages → Espaces de travail. */
export const relayErasedFr = {
  'sync.erased.body': 'Cet espace de travail a été effacé du relais par son propriétaire le {date}\u00a0; votre copie sur cet appareil est conservée.',
  'sync.erased.bodyNoDate': 'Cet espace de travail a été effacé du relais par son propriétaire\u00a0; votre copie sur cet appareil est conservée.',
  'sync.erased.choices': 'Il ne se synchronise plus avec personne. Continuez à y travailler hors ligne, comme espace local, ou supprimez la copie de cet appareil.',
  'sync.erased.keep': 'Continuer hors ligne',
  'sync.erased.delete': 'Supprimer la copie de cet appareil…',
  'settings.workspaces.export': 'Exporter cet espace de travail…',
  'import.doneClosed': '«\u00a0{name}\u00a0» est importé ({docs} parties, {files} fichiers).',
  'import.open': 'Ouvrir «\u00a0{name}\u00a0»',
  'sync.state.erased': 'Effacé du relais',
  'sync.tooltip.erased': 'Effacé du relais par son propriétaire le {date}. Votre copie reste sur cet appareil, sans synchronisation.',
  'sync.tooltip.erasedNoDate': 'Effacé du relais par son propriétaire. Votre copie reste sur cet appareil, sans synchronisation.',
  'sync.indicator.erased': 'Synchronisation\u00a0: Effacé du relais le {date}. Ouvrir les options de synchronisation',
  'sync.indicator.erasedNoDate': 'Synchronisation\u00a0: Effacé du relais. Ouvrir les options de synchronisation',
} as const;
