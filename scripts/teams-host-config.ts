/*
 * A host config and style sheet that make the Adaptive Cards renderer look roughly like Teams in
 * its light theme. Only for the images in docs/; Teams applies its own when it shows a card.
 */

/** Segoe UI where it exists, then the closest humanist sans-serif fonts on Linux. */
export const FONT_STACK =
  "'Segoe UI', 'Segoe UI Web (West European)', Selawik, 'Open Sans', 'Noto Sans', " +
  "'Helvetica Neue', Arial, sans-serif, 'Noto Color Emoji'";

/** Width of a card in a Teams channel conversation on a desktop client, in CSS pixels. */
export const TEAMS_CARD_WIDTH = 540;

function colours(text: string, subtle: string): object {
  return {
    default: { default: text, subtle },
    dark: { default: '#242424', subtle: '#424242' },
    light: { default: '#FFFFFF', subtle: '#F5F5F5' },
    accent: { default: '#5B5FC7', subtle: '#444791' },
    good: { default: '#0E700E', subtle: '#107C10' },
    warning: { default: '#835B00', subtle: '#6D4C00' },
    attention: { default: '#C4314B', subtle: '#A4262C' },
  };
}

/** The host config object, as `new HostConfig(...)` takes it. */
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: FONT_STACK,
  supportsInteractivity: true,
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: colours('#242424', '#616161') },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colours('#242424', '#616161') },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
  },
  factSet: {
    title: { weight: 'bolder', size: 'default', color: 'default', wrap: true, maxWidth: 150 },
    value: { weight: 'default', size: 'default', color: 'default', wrap: true },
    spacing: 12,
  },
};

/** Page styles: the card's frame and Teams-like buttons. */
export const TEAMS_PAGE_CSS = `
  body { margin: 0; padding: 16px; background: #F5F5F5; font-family: ${FONT_STACK}; }
  #card { width: ${TEAMS_CARD_WIDTH}px; background: #FFFFFF; border: 1px solid #E0E0E0;
    border-radius: 8px; overflow: hidden; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.14); }
  .ac-pushButton { font-family: ${FONT_STACK}; font-size: 14px; font-weight: 600;
    min-height: 32px; padding: 5px 12px; border-radius: 4px; border: 1px solid #D1D1D1;
    background: #FFFFFF; color: #242424; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7;
    border-color: #5B5FC7; color: #FFFFFF; }
  .ac-textRun { overflow-wrap: anywhere; }
  a { color: #5B5FC7; }
`;
