from scriptorium.feeds.models.feed_token import FeedToken

__all__ = ["FeedToken"]
