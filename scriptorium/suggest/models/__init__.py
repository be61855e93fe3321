from scriptorium.suggest.models.classifier import RatingClassifier
from scriptorium.suggest.models.feedback import SuggestionFeedback

__all__ = ["RatingClassifier", "SuggestionFeedback"]
