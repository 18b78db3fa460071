/** French messages of the first run (merged into `fr`); exactly the keys of `onboardingEn`. */
import type { onboardingEn } from './onboardingEn';

export const onboardingFr: Record<keyof typeof onboardingEn, string> = {
  'onboarding.welcome': 'Bienvenue dans Qwanyx',
  'onboarding.intro': 'Dites-nous comment vous appeler. Votre nom signe les messages que vous écrivez depuis cet appareil, et vos coéquipiers le voient dès qu’un espace de travail se synchronise.',
  'onboarding.name': 'Votre nom',
  'onboarding.nameRequired': 'Saisissez le nom que les autres verront, par exemple Camille Martin.',
  'onboarding.email': 'E-mail (facultatif)',
  'onboarding.emailHint': 'Sert seulement à se connecter à un serveur de synchronisation et à être invité. Vous pourrez l’ajouter plus tard dans les Réglages.',
  'onboarding.continue': 'Continuer',
  'onboarding.language': 'Langue',
  'onboarding.guide.title': 'Premiers pas',
  'onboarding.guide.label': 'Premiers pas, étape {step} sur 2',
  'onboarding.guide.model.title': 'Connecter un modèle',
  'onboarding.guide.model.body': 'Les humains numériques répondent grâce à un modèle d’IA\u00a0: un service en ligne avec une clé, ou Ollama ou LM Studio sur cet ordinateur. Tout le reste fonctionne sans.',
  'onboarding.guide.model.action': 'Connecter un modèle…',
  'onboarding.guide.model.skip': 'Plus tard',
  'onboarding.guide.dh.title': 'Créer votre premier humain numérique',
  'onboarding.guide.dh.body': 'Partez d’un modèle (agent de support, coordinateur de projet…) et ajustez-le. Mentionnez-le avec @ dans un salon pour lui demander quelque chose.',
  'onboarding.guide.dh.action': 'Choisir un modèle…',
  'onboarding.guide.dh.skip': 'Passer',
  'onboarding.guide.close': 'Fermer le guide',
};
