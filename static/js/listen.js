/*
 * « Écouter »: reads a text of the page aloud with the browser's own speech synthesis, in the
 * page's language. A progressive enhancement: the buttons (templates/components/listen_button.html)
 * stay hidden without JavaScript or without speech synthesis, and nothing is sent anywhere.
 * Included once per button; runs once per page.
 */
(function () {
  "use strict";
  if (window.listenButtonsReady || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
    return;
  }
  window.listenButtonsReady = true;

  var language = document.documentElement.lang || "fr";
  var speakingButton = null;

  function setLabel(button, speaking) {
    button.querySelector(".listen-button__label").textContent = speaking
      ? button.dataset.labelStop
      : button.dataset.labelListen;
  }

  function stop() {
    window.speechSynthesis.cancel();
    if (speakingButton) {
      setLabel(speakingButton, false);
      speakingButton = null;
    }
  }

  document.querySelectorAll("[data-listen]").forEach(function (button) {
    var text = document.getElementById(button.dataset.listen);
    if (!text) {
      return;
    }
    button.dataset.labelListen = button.querySelector(".listen-button__label").textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var wasSpeaking = speakingButton === button;
      stop();
      if (wasSpeaking) {
        return;
      }
      var utterance = new SpeechSynthesisUtterance(text.innerText);
      utterance.lang = language;
      // A little slower than the default: the texts are for people who read with difficulty.
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = function () {
        if (speakingButton === button) {
          setLabel(button, false);
          speakingButton = null;
        }
      };
      speakingButton = button;
      setLabel(button, true);
      window.speechSynthesis.speak(utterance);
    });
  });

  // Leaving the page stops the voice.
  window.addEventListener("pagehide", stop);
})();
