def test_article_with_cover_gets_a_card_rendition(make_article, image_upload):
    article = make_article(cover=image_upload())
    article.refresh_from_db()
    assert article.cover_card.name.startswith(article.cover.name + ".")
    assert (article.cover_card_width, article.cover_card_height) == (480, 270)
